using System.Threading.RateLimiting;

namespace RagPlatform.Api.RateLimiting;

/// <summary>
/// One client's fixed window in one endpoint group, counted by <see cref="WindowCounter"/> (in Redis when
/// it answers). Holds no count itself, so the middleware may drop and recreate it freely.
/// </summary>
public sealed class SharedWindowRateLimiter(WindowCounter counter, string group, string key, RateLimit limit, TimeProvider time) : RateLimiter
{
    private long _lastUsed = time.GetTimestamp();

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>
    /// Counting takes a round trip to Redis, so it happens only on the asynchronous path: the rate
    /// limiting middleware tries this first and, declined, awaits <see cref="AcquireAsyncCore"/>.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        permitCount == 0 ? WindowLease.Acquired : WindowLease.NotCounted;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        if (permitCount == 0)
        {
            return WindowLease.Acquired;
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        var count = await counter.IncrementAsync(group, key, limit.Window, cancellationToken);
        return count.Count <= limit.PermitLimit ? WindowLease.Acquired : WindowLease.Rejected(count.ResetAfter);
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Acquired = new(true, null);
        public static readonly WindowLease NotCounted = new(false, null);

        public static WindowLease Rejected(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
