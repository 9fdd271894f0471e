using System.Diagnostics.Metrics;

namespace RagPlatform.Api.RateLimiting;

/// <summary>
/// The rate limiter's instruments on the "RagPlatform.RateLimiting" meter, from the host's
/// <see cref="IMeterFactory"/>: two hosts in one process never add to each other's series.
/// </summary>
public sealed class RateLimitMetrics
{
    public const string MeterName = "RagPlatform.RateLimiting";

    private readonly Counter<long> _rejections;
    private readonly Counter<long> _localDecisions;

    public RateLimitMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rejections = meter.CreateCounter<long>("rag.ratelimit.rejections", description: "Requests refused with 429, by endpoint group");
        _localDecisions = meter.CreateCounter<long>("rag.ratelimit.local_decisions",
            description: "Requests counted by this instance alone because Redis did not answer in time, by endpoint group");
    }

    public void Rejected(string group) => _rejections.Add(1, new KeyValuePair<string, object?>("group", group));

    public void CountedLocally(string group) => _localDecisions.Add(1, new KeyValuePair<string, object?>("group", group));
}
