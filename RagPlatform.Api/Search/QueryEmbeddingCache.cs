using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Polly;
using RagPlatform.Core.Resilience;
using StackExchange.Redis;

namespace RagPlatform.Api.Search;

/// <summary>
/// Query embeddings in Redis, keyed by the model and the query text with its spacing normalised, so a
/// repeated query skips the embedding model. A vector never goes stale for the same model, so unlike
/// search results it needs no index version. Redis being slow or down costs a miss, never an error; calls go through the
/// <c>redis</c> pipeline, whose open breaker skips Redis at once, and the miss is reported as degraded <c>cache</c>.
/// </summary>
public sealed class QueryEmbeddingCache(SearchMetrics metrics, ILogger<QueryEmbeddingCache> logger, [FromKeyedServices(ResiliencePipelines.Redis)] ResiliencePipeline pipeline, IConnectionMultiplexer? redis = null)
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromDays(1);

    /// <summary>What identifies a model's vectors: provider, model id and dimensions.</summary>
    public static string ModelOf(IEmbeddingGenerator generator)
    {
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        return metadata is null
            ? generator.GetType().FullName ?? "unknown"
            : $"{metadata.ProviderName}/{metadata.DefaultModelId}/{metadata.DefaultModelDimensions}";
    }

    /// <summary>The key for a query, or null when there is no cache.</summary>
    public static string? KeyFor(string tenant, string model, string text, bool enabled = true)
    {
        if (!enabled)
        {
            return null;
        }
        // Runs of whitespace carry no meaning for an embedding; case can (cased models), so it is kept.
        var normalized = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{model}\n{normalized}")));
        // Per tenant like every cache entry: whether another tenant asked the same question stays unknowable.
        return $"rag:embedding:v2:{tenant}:{hash}";
    }

    public bool Enabled => redis is not null;

    public async Task<float[]?> GetAsync(string? key, Degradations degraded)
    {
        // This request already found Redis failing (its search cache read): a second wait would only double the cost.
        if (key is null || degraded.Contains(Degradations.Cache))
        {
            return null;
        }
        try
        {
            var value = await pipeline.ExecuteAsync(async token => await redis!.GetDatabase().StringGetAsync(key).WaitAsync(token));
            byte[]? bytes = value;
            var hit = bytes is { Length: > 0 } && bytes.Length % sizeof(float) == 0;
            SearchMetrics.Record(metrics.EmbeddingCacheLookups, hit ? "hit" : "miss");
            return hit ? MemoryMarshal.Cast<byte, float>(bytes).ToArray() : null;
        }
        catch (Exception ex) when (DependencyFailures.IsCacheFailure(ex))
        {
            degraded.Add(Degradations.Cache);
            SearchMetrics.Record(metrics.EmbeddingCacheLookups, "error");
            logger.LogDebug(ex, "Query embedding cache unavailable; embedding the query");
            return null;
        }
    }

    public void Set(string? key, ReadOnlyMemory<float> vector)
    {
        if (key is null)
        {
            return;
        }
        try
        {
            // Fire and forget: the search does not wait for the cache write.
            var bytes = MemoryMarshal.AsBytes(vector.Span).ToArray();
            pipeline.Execute(() => redis!.GetDatabase().StringSet(key, bytes, TimeToLive, flags: CommandFlags.FireAndForget));
        }
        catch (Exception ex) when (DependencyFailures.IsCacheFailure(ex))
        {
            logger.LogDebug(ex, "Query embedding cache unavailable; embedding not cached");
        }
    }
}
