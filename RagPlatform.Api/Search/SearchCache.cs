using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Polly;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Resilience;
using StackExchange.Redis;

namespace RagPlatform.Api.Search;

/// <summary>
/// Search results in Redis, keyed by the normalised request and the index version, so a new,
/// replaced or deleted document is never hidden behind a stale entry: any index change moves
/// every key. Redis being slow or down costs a miss, never an error; calls go through the
/// <c>redis</c> pipeline, whose open breaker skips Redis at once, and the miss is reported as degraded <c>cache</c>.
/// Recent entries are also kept in this process (same keys, so the same guarantee), as long as Redis keeps them
/// and as many as <see cref="LocalCacheBytes"/> holds: a repeated search then costs no Redis round trip at all.
/// </summary>
public sealed class SearchCache(IIndexVersion version, SearchMetrics metrics, ILogger<SearchCache> logger, [FromKeyedServices(ResiliencePipelines.Redis)] ResiliencePipeline pipeline, IConnectionMultiplexer? redis = null)
{
    // The index version in every key is what keeps entries from going stale, not their age, so the
    // in-process copy may live as long as the shared one.
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(10);
    private const long LocalCacheBytes = 64 * 1024 * 1024;

    private readonly MemoryCache _local = new(new MemoryCacheOptions { SizeLimit = LocalCacheBytes });

    /// <summary>
    /// The key for a request at the current index version, or null when nothing may be cached. Take
    /// it before searching: results then never land under a version newer than the one they saw.
    /// </summary>
    public string? KeyFor(string tenant, string query, int topK, string? collection, MetadataFilter? filter, double minScore)
    {
        if (redis is null || version.Current is not { } current)
        {
            return null;
        }
        // Case and spacing do not change the results (both retrievers lower-case and tokenise).
        var normalized = string.Join(' ', query.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        // The filter's conditions are sorted and de-duplicated, and JSON quotes every string: equal filters give equal text.
        var conditions = filter is null ? "" : JsonSerializer.Serialize(filter.Conditions);
        var request = string.Join('\n', normalized, topK.ToString(CultureInfo.InvariantCulture), collection,
            conditions, minScore.ToString("R", CultureInfo.InvariantCulture));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request)));
        // The tenant leads the key: one tenant's entries can never answer another's search.
        return $"rag:search:v3:{tenant}:{current.ToString(CultureInfo.InvariantCulture)}:{hash}";
    }

    /// <summary>The cached response as the JSON it is sent as: a hit is written out without being parsed.</summary>
    public async Task<byte[]?> GetAsync(string? key, Degradations degraded)
    {
        if (key is null)
        {
            return null;
        }
        if (_local.TryGetValue(key, out byte[]? local))
        {
            SearchMetrics.Record(metrics.SearchCacheLookups, "hit");
            return local;
        }
        try
        {
            var value = await pipeline.ExecuteAsync(async token => await redis!.GetDatabase().StringGetAsync(key).WaitAsync(token));
            SearchMetrics.Record(metrics.SearchCacheLookups, value.HasValue ? "hit" : "miss");
            if (!value.HasValue)
            {
                return null;
            }
            var bytes = (byte[])value!;
            KeepLocally(key, bytes);
            return bytes;
        }
        catch (Exception ex) when (DependencyFailures.IsCacheFailure(ex))
        {
            degraded.Add(Degradations.Cache);
            SearchMetrics.Record(metrics.SearchCacheLookups, "error");
            logger.LogDebug(ex, "Search cache unavailable; searching without it");
            return null;
        }
    }

    public void Set(string? key, SearchResponse response)
    {
        if (key is null)
        {
            return;
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(response, JsonOptions);
        KeepLocally(key, bytes);
        try
        {
            // Fire and forget: the caller's answer does not wait for the cache write.
            pipeline.Execute(() => redis!.GetDatabase().StringSet(key, bytes, TimeToLive, flags: CommandFlags.FireAndForget));
        }
        catch (Exception ex) when (DependencyFailures.IsCacheFailure(ex))
        {
            logger.LogDebug(ex, "Search cache unavailable; result not cached");
        }
    }

    private void KeepLocally(string key, byte[] bytes) =>
        _local.Set(key, bytes, new MemoryCacheEntryOptions { Size = bytes.Length, AbsoluteExpirationRelativeToNow = TimeToLive });

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
