using RagPlatform.Core.Indexing;

namespace RagPlatform.Bench.Tuning;

/// <summary>
/// One retrieval configuration to measure: how documents are chunked and embedded, how the index ranks, and
/// which retrievers run (a single-retriever variant gives the reference figures).
/// </summary>
public sealed record TuneVariant(
    string Name,
    int MaxTokens,
    int OverlapTokens,
    bool TitleInEmbedding,
    RetrievalOptions Retrieval,
    bool Dense = true,
    bool Keyword = true)
{
    public (int MaxTokens, int OverlapTokens) Chunking => (MaxTokens, OverlapTokens);

    public (int MaxTokens, int OverlapTokens, bool TitleInEmbedding) Embedding => (MaxTokens, OverlapTokens, TitleInEmbedding);
}
