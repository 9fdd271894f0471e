using System.Diagnostics;
using Microsoft.Extensions.AI;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Api.Search;

/// <summary>Turns a query into hybrid search hits: embed the text (or take its cached vector), then ask the index.</summary>
public sealed class Retriever(IEmbeddingGenerator<string, Embedding<float>> embedder, ISearchIndex index, QueryEmbeddingCache embeddings)
{
    private static readonly ActivitySource Source = new(SearchMetrics.MeterName);
    private readonly string _model = QueryEmbeddingCache.ModelOf(embedder);

    /// <summary>The tenant's hits, best first, with document ids as the tenant knows them (without the tenant prefix).</summary>
    public async Task<IReadOnlyList<SearchHit>> RetrieveAsync(
        string tenant, string query, int topK, string? collection, MetadataFilter? filter, double minScore, CancellationToken cancellationToken,
        bool useEmbeddingCache = true)
    {
        using var activity = Source.StartActivity("retrieve");
        activity?.SetTag("rag.top_k", topK);
        var key = QueryEmbeddingCache.KeyFor(tenant, _model, query, embeddings.Enabled && useEmbeddingCache);
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
        var hits = await index.SearchAsync(new SearchRequest(query, embedding, topK, collection, filter, minScore, tenant), cancellationToken);
        activity?.SetTag("rag.hits", hits.Count);
        var visible = new SearchHit[hits.Count];
        for (var i = 0; i < visible.Length; i++)
        {
            visible[i] = hits[i] with { DocumentId = Tenants.DocumentId(hits[i].DocumentId) };
        }
        return visible;
    }
}
