namespace RagPlatform.Core.Indexing;

/// <summary>
/// One fused result. <see cref="Score"/> is the reciprocal-rank-fusion score normalised to [0, 1]: divided by
/// what a chunk ranked first by every retriever the query asked would get, so 1 means first everywhere and
/// 0.5, in a hybrid query, first in one list and absent from the other. Offsets, heading path and page say
/// where the chunk sits in its source.
/// </summary>
public sealed record SearchHit(
    Guid ChunkId,
    string DocumentId,
    string Title,
    string Text,
    int Ordinal,
    double Score,
    Retrievers FoundBy,
    int StartOffset = 0,
    int EndOffset = 0,
    string? HeadingPath = null,
    int? PageNumber = null);

/// <summary>Which retrievers returned a hit.</summary>
[Flags]
public enum Retrievers
{
    None = 0,
    Dense = 1,
    Keyword = 2,
}
