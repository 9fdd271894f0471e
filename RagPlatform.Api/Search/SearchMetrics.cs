using System.Diagnostics.Metrics;

namespace RagPlatform.Api.Search;

/// <summary>
/// The search path's instruments on the "RagPlatform.Search" meter. The caches count lookups by result
/// (hit, miss, error), so the hit ratio is hit / (hit + miss + error) per cache.
/// </summary>
public static class SearchMetrics
{
    public const string MeterName = "RagPlatform.Search";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> SearchCacheLookups =
        Meter.CreateCounter<long>("rag.search.cache.lookups", description: "Search result cache lookups, by result (hit, miss, error)");

    public static readonly Counter<long> EmbeddingCacheLookups =
        Meter.CreateCounter<long>("rag.embedding.cache.lookups", description: "Query embedding cache lookups, by result (hit, miss, error)");

    public static void Record(Counter<long> lookups, string result) => lookups.Add(1, new KeyValuePair<string, object?>("result", result));
}
