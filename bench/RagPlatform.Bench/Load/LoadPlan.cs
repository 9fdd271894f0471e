namespace RagPlatform.Bench.Load;

/// <summary>
/// What a load run does: how many virtual users (closed model), or how many requests a second arrive whatever the
/// answers (open model, <paramref name="ArrivalRate"/>); for how long; which requests.
/// </summary>
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
    TimeSpan RequestTimeout,
    double? ArrivalRate = null)
{
    public bool OpenModel => ArrivalRate is > 0;
}
