namespace RagPlatform.Core.Indexing;

/// <summary>One fused result; <see cref="Score"/> is the fused score (higher is better).</summary>
public sealed record SearchHit(
    Guid ChunkId,
    string DocumentId,
    string Title,
    string Text,
    int Ordinal,
    double Score,
    Retrievers FoundBy);

/// <summary>Which retrievers returned a hit.</summary>
[Flags]
public enum Retrievers
{
    None = 0,
    Dense = 1,
    Keyword = 2,
}
