using System.Diagnostics;
using Microsoft.Extensions.AI;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Api.Search;

/// <summary>Turns a query into hybrid search hits: embed the text (or take its cached vector), then ask the index.</summary>
public sealed class Retriever(IEmbeddingGenerator<string, Embedding<float>> embedder, ISearchIndex index, QueryEmbeddingCache embeddings)
{
    private static readonly ActivitySource Source = new(SearchMetrics.MeterName);
    private readonly string _model = QueryEmbeddingCache.ModelOf(embedder);

    public async Task<IReadOnlyList<SearchHit>> RetrieveAsync(
        string query, int topK, string? collection, MetadataFilter? filter, double minScore, CancellationToken cancellationToken,
        bool useEmbeddingCache = true)
    {
        using var activity = Source.StartActivity("retrieve");
        activity?.SetTag("rag.top_k", topK);
        var key = QueryEmbeddingCache.KeyFor(_model, query, embeddings.Enabled && useEmbeddingCache);
        ReadOnlyMemory<float> embedding;
        if (await embeddings.GetAsync(key) is { } cached)
        {
            embedding = cached;
            activity?.SetTag("rag.embedding_cached", true);
        }
        else
        {
            embedding = await embedder.GenerateVectorAsync(query, cancellationToken: cancellationToken);
            embeddings.Set(key, embedding);
        }
        var hits = await index.SearchAsync(new SearchRequest(query, embedding, topK, collection, filter, minScore), cancellationToken);
        activity?.SetTag("rag.hits", hits.Count);
        return hits;
    }
}
