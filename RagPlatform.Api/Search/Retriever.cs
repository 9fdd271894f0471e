using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Api.Admission;
using Polly;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Resilience;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Api.Search;

/// <summary>
/// Turns a query into hybrid search hits: embed the text (or take its cached vector), then ask the index. Each part
/// degrades rather than fails: without the embedding model (its <c>embedding</c> pipeline failing or its breaker open)
/// the search is keyword-only; without the index (unreachable, or the embedded one still loading) keywords come from
/// PostgreSQL's full-text index. Either is recorded in <see cref="Degradations"/>. The work runs under the
/// <see cref="AdaptiveConcurrencyLimiter"/>: past capacity a request is refused at once instead of queueing without end.
/// </summary>
public sealed class Retriever(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    ISearchIndex index,
    IIndexVersion version,
    QueryEmbeddingCache embeddings,
    PostgresKeywordSearch fallback,
    AdaptiveConcurrencyLimiter admission,
    IOptions<AdmissionOptions> admissionOptions,
    [FromKeyedServices(ResiliencePipelines.Embedding)] ResiliencePipeline embeddingPipeline,
    ILogger<Retriever> logger)
{
    private static readonly ActivitySource Source = new(SearchMetrics.MeterName);
    private readonly string _model = QueryEmbeddingCache.ModelOf(embedder);

    /// <summary>
    /// The tenant's hits, best first, with document ids as the tenant knows them (without the tenant prefix).
    /// <paramref name="useEmbeddingCache"/> false (a request with Cache-Control: no-cache) embeds the query afresh.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> RetrieveAsync(
        string tenant, string query, int topK, string? collection, MetadataFilter? filter, double minScore, Degradations degraded,
        CancellationToken cancellationToken, bool useEmbeddingCache = true)
    {
        using var activity = Source.StartActivity("retrieve");
        activity?.SetTag("rag.top_k", topK);
        // Past capacity this throws at once (503 with Retry-After) rather than making every search wait longer.
        using var permit = admissionOptions.Value.Enabled ? await admission.EnterAsync(cancellationToken) : null;
        var embedding = await EmbedAsync(tenant, query, useEmbeddingCache, degraded, activity, cancellationToken);
        var request = new SearchRequest(query, embedding, topK, collection, filter, minScore, tenant);
        IReadOnlyList<SearchHit> hits;
        if (!version.IsReady)
        {
            degraded.Add(Degradations.Index);
            hits = await fallback.SearchAsync(request, cancellationToken);
        }
        else
        {
            try
            {
                hits = await index.SearchAsync(request, cancellationToken);
            }
            catch (Exception ex) when (DependencyFailures.IsTransient(ex))
            {
                logger.LogWarning(ex, "The search index is unavailable; searching PostgreSQL's full-text index instead");
                degraded.Add(Degradations.Index);
                hits = await fallback.SearchAsync(request, cancellationToken);
            }
        }
        activity?.SetTag("rag.hits", hits.Count);
        activity?.SetTag("rag.degraded", degraded.ToResponse() is { } missing ? string.Join(',', missing) : null);
        var visible = new SearchHit[hits.Count];
        for (var i = 0; i < visible.Length; i++)
        {
            visible[i] = hits[i] with { DocumentId = Tenants.DocumentId(hits[i].DocumentId) };
        }
        return visible;
    }

    /// <summary>The query's vector, or empty (keyword-only search) when the model cannot give one in time.</summary>
    private async Task<ReadOnlyMemory<float>> EmbedAsync(
        string tenant, string query, bool useCache, Degradations degraded, Activity? activity, CancellationToken cancellationToken)
    {
        var key = QueryEmbeddingCache.KeyFor(tenant, _model, query, embeddings.Enabled && useCache);
        if (await embeddings.GetAsync(key, degraded) is { } cached)
        {
            activity?.SetTag("rag.embedding_cached", true);
            return cached;
        }
        try
        {
            var embedding = await embeddingPipeline.ExecuteAsync(
                async token => await embedder.GenerateVectorAsync(query, cancellationToken: token), cancellationToken);
            embeddings.Set(key, embedding);
            return embedding;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Query embedding failed; searching by keywords only");
            degraded.Add(Degradations.Embedding);
            return ReadOnlyMemory<float>.Empty;
        }
    }
}
