using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using RagPlatform.Core.Resilience;
using StackExchange.Redis;

namespace RagPlatform.Api.RateLimiting;

/// <summary>
/// Counts a client's requests in its current fixed window. With Redis the count is shared by every API
/// replica (one atomic INCRBY + PEXPIRE script per request, or per batch of requests for a client with a
/// large budget: see <see cref="PermitReservations"/>); when Redis is not configured, not connected
/// or slower than <see cref="RateLimitingOptions.RedisTimeout"/>, this instance counts alone, so a Redis
/// outage loosens the limit (each replica allows the budget) but never fails or stalls a request.
/// </summary>
public sealed class WindowCounter(
    IOptions<RateLimitingOptions> options, RateLimitMetrics metrics, TimeProvider time, ILogger<WindowCounter> logger,
    [FromKeyedServices(ResiliencePipelines.Redis)] ResiliencePipeline pipeline, IConnectionMultiplexer? redis = null)
{
    // The window starts at a client's first request and its key expires with it, so replicas need
    // no agreement on the clock: Redis's TTL is the one timer.
    private const string IncrementScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[2])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            ttl = tonumber(ARGV[1])
        end
        return {count, ttl}
        """;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, LocalWindow> _local = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    private readonly PermitReservations _reserved = new(time);

    /// <summary>Takes a permit this instance already counted in Redis, without a round trip; false when none is left.</summary>
    public bool TryTakeReserved(string key) => _reserved.TryTake(key);

    /// <summary>Counts one request of <paramref name="key"/>'s client: acquired while the window's budget lasts.</summary>
    public async ValueTask<WindowDecision> AcquireAsync(string group, string key, RateLimit limit, CancellationToken cancellationToken)
    {
        if (_reserved.TryTake(key))
        {
            return WindowDecision.Acquired;
        }
        SweepExpired(time.GetUtcNow());
        if (redis is { IsConnected: true })
        {
            var batch = _reserved.NextBatch(key, limit);
            var countedAt = time.GetTimestamp();
            try
            {
                // Through the caches' redis pipeline (no retries: INCRBY is not idempotent): once its breaker has
                // opened, a frozen Redis costs no request the RedisTimeout wait, until a probe finds it back.
                var result = await pipeline.ExecuteAsync(
                    async token => await redis.GetDatabase()
                        .ScriptEvaluateAsync(IncrementScript, [key], [(long)limit.Window.TotalMilliseconds, batch])
                        .WaitAsync(options.Value.RedisTimeout, time, token),
                    cancellationToken);
                var values = (RedisResult[])result!;
                var count = (long)values[0];
                var resetAfter = TimeSpan.FromMilliseconds((long)values[1]);
                // This count took the window's permits count - batch + 1 to count; those within the budget are ours.
                var granted = Math.Clamp(limit.PermitLimit - (count - batch), 0, batch);
                if (granted == 0)
                {
                    _reserved.Exhausted(key);
                    return WindowDecision.Rejected(resetAfter);
                }
                _reserved.Keep(key, granted - 1, batch, countedAt, resetAfter, limit);
                return WindowDecision.Acquired;
            }
            catch (Exception ex) when (DependencyFailures.IsCacheFailure(ex, cancellationToken))
            {
                logger.LogDebug(ex, "Rate limit counter in Redis unavailable; counting in this instance");
            }
        }
        metrics.CountedLocally(group);
        var local = IncrementLocally(key, limit.Window);
        return local.Count <= limit.PermitLimit ? WindowDecision.Acquired : WindowDecision.Rejected(local.ResetAfter);
    }

    private (long Count, TimeSpan ResetAfter) IncrementLocally(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        var entry = _local.GetOrAdd(key, static _ => new LocalWindow());
        lock (entry)
        {
            if (now >= entry.End)
            {
                entry.End = now + window;
                entry.Count = 0;
            }
            entry.Count++;
            return (entry.Count, entry.End - now);
        }
    }

    /// <summary>Drops finished windows and reservations now and then, so clients seen once do not stay in memory.</summary>
    private void SweepExpired(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
        {
            return;
        }
        _reserved.Sweep();
        foreach (var (key, entry) in _local)
        {
            if (entry.End <= now)
            {
                _local.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private sealed class LocalWindow
    {
        public DateTimeOffset End;
        public long Count;
    }
}

/// <summary>Whether a request may proceed, and if not, how long until its client's window ends.</summary>
public readonly record struct WindowDecision(bool IsAcquired, TimeSpan RetryAfter)
{
    public static readonly WindowDecision Acquired = new(true, TimeSpan.Zero);

    public static WindowDecision Rejected(TimeSpan retryAfter) => new(false, retryAfter);
}
