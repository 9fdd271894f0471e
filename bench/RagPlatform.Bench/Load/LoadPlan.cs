namespace RagPlatform.Bench.Load;

/// <summary>What a load run does: how many virtual users, for how long, which requests.</summary>
public sealed record LoadPlan(
    int VirtualUsers,
    TimeSpan Duration,
    TimeSpan RampUp,
    LoadMix Mix,
    IReadOnlyList<string> Queries,
    string? Collection,
    string UploadCollection,
    int TopK,
    bool Uncached,
    TimeSpan RequestTimeout);
