using System.Diagnostics.Metrics;

namespace RagPlatform.Api.Search;

/// <summary>
/// The search path's instruments on the "RagPlatform.Search" meter, from the host's <see cref="IMeterFactory"/>.
/// The caches count lookups by result (hit, miss, error), so the hit ratio is hit / (hit + miss + error) per cache.
/// </summary>
public sealed class SearchMetrics
{
    public const string MeterName = "RagPlatform.Search";

    public SearchMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        SearchCacheLookups = meter.CreateCounter<long>("rag.search.cache.lookups", description: "Search result cache lookups, by result (hit, miss, error)");
        EmbeddingCacheLookups = meter.CreateCounter<long>("rag.embedding.cache.lookups", description: "Query embedding cache lookups, by result (hit, miss, error)");
    }

    public Counter<long> SearchCacheLookups { get; }

    public Counter<long> EmbeddingCacheLookups { get; }

    public static void Record(Counter<long> lookups, string result) => lookups.Add(1, new KeyValuePair<string, object?>("result", result));
}
