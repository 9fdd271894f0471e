using System.Diagnostics.Metrics;

namespace RagPlatform.Api.RateLimiting;

/// <summary>The rate limiter's instruments on the "RagPlatform.RateLimiting" meter.</summary>
public static class RateLimitMetrics
{
    public const string MeterName = "RagPlatform.RateLimiting";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Rejections =
        Meter.CreateCounter<long>("rag.ratelimit.rejections", description: "Requests refused with 429, by endpoint group");

    public static readonly Counter<long> LocalDecisions =
        Meter.CreateCounter<long>("rag.ratelimit.local_decisions",
            description: "Requests counted by this instance alone because Redis did not answer in time, by endpoint group");

    public static void Rejected(string group) => Rejections.Add(1, new KeyValuePair<string, object?>("group", group));

    public static void CountedLocally(string group) => LocalDecisions.Add(1, new KeyValuePair<string, object?>("group", group));
}
