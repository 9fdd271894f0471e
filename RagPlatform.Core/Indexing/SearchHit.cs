namespace RagPlatform.Core.Indexing;

/// <summary>
/// One fused result. From the embedded index with <see cref="RetrievalOptions.RankByRelevance"/> on (the default),
/// <see cref="Score"/> is the probability that the document is relevant (<see cref="RelevanceModel"/>, from
/// <see cref="Features"/>), comparable across queries and collections. Otherwise it is in [0, 1]: 1 means best in every list the query asked, and in a
/// hybrid query a chunk that one retriever found and the other did not scores at most 0.5. Under convex fusion
/// it is the weighted mean of the chunk's scores, each scaled to its list's range; under RRF (and in Qdrant) the
/// fused score divided by what first place in every list would get (<see cref="FusedScore"/>). Offsets, heading
/// path and page say where the chunk sits in its source; <see cref="OcrConfidence"/> (0-1] is set when its text was
/// recognised from an image (OCR) rather than read.
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
    int? PageNumber = null,
    RelevanceFeatures? Features = null,
    double? OcrConfidence = null);

/// <summary>Which retrievers returned a hit.</summary>
[Flags]
public enum Retrievers
{
    None = 0,
    Dense = 1,
    Keyword = 2,
}
