using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RagPlatform.Api.RateLimiting;

/// <summary>
/// Counts a client's requests in its current fixed window. With Redis the count is shared by every API
/// replica (one atomic INCR + PEXPIRE script per request); when Redis is not configured, not connected
/// or slower than <see cref="RateLimitingOptions.RedisTimeout"/>, this instance counts alone, so a Redis
/// outage loosens the limit (each replica allows the budget) but never fails or stalls a request.
/// </summary>
public sealed class WindowCounter(
    IOptions<RateLimitingOptions> options, TimeProvider time, ILogger<WindowCounter> logger, IConnectionMultiplexer? redis = null)
{
    // The window starts at a client's first request and its key expires with it, so replicas need
    // no agreement on the clock: Redis's TTL is the one timer.
    private const string IncrementScript = """
        local count = redis.call('INCR', KEYS[1])
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

    public async ValueTask<WindowCount> IncrementAsync(string group, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        if (redis is { IsConnected: true })
        {
            try
            {
                var result = await redis.GetDatabase()
                    .ScriptEvaluateAsync(IncrementScript, [key], [(long)window.TotalMilliseconds])
                    .WaitAsync(options.Value.RedisTimeout, time, cancellationToken);
                var values = (RedisResult[])result!;
                return new WindowCount((long)values[0], TimeSpan.FromMilliseconds((long)values[1]));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogDebug(ex, "Rate limit counter in Redis unavailable; counting in this instance");
            }
        }
        RateLimitMetrics.CountedLocally(group);
        return IncrementLocally(key, window);
    }

    private WindowCount IncrementLocally(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        SweepExpired(now);
        var entry = _local.GetOrAdd(key, static _ => new LocalWindow());
        lock (entry)
        {
            if (now >= entry.End)
            {
                entry.End = now + window;
                entry.Count = 0;
            }
            entry.Count++;
            return new WindowCount(entry.Count, entry.End - now);
        }
    }

    /// <summary>Drops finished windows now and then, so clients seen once do not stay in memory.</summary>
    private void SweepExpired(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
        {
            return;
        }
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

/// <summary>Requests counted in the current window so far (this one included) and when the window ends.</summary>
public readonly record struct WindowCount(long Count, TimeSpan ResetAfter);
