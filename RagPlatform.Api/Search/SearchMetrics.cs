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
        _degraded = meter.CreateCounter<long>("rag.search.degraded", description: "Search responses served without a dependency (the response's degraded list), by dependency");
        // Every dependency's series from the start: a dashboard or an alert sees 0 rather than no data.
        foreach (var dependency in new[] { Degradations.Cache, Degradations.Embedding, Degradations.Index })
        {
            _degraded.Add(0, new KeyValuePair<string, object?>("dependency", dependency));
        }
    }

    private readonly Counter<long> _degraded;

    public Counter<long> SearchCacheLookups { get; }

    public Counter<long> EmbeddingCacheLookups { get; }

    /// <summary>Counts one search response for each dependency it had to do without.</summary>
    public void RecordDegraded(IReadOnlyList<string>? missing)
    {
        foreach (var dependency in missing ?? [])
        {
            _degraded.Add(1, new KeyValuePair<string, object?>("dependency", dependency));
        }
    }

    public static void Record(Counter<long> lookups, string result) => lookups.Add(1, new KeyValuePair<string, object?>("result", result));
}
