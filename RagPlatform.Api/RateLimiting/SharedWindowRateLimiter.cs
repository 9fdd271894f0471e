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
    /// Only a permit this instance already counted in Redis is granted synchronously; otherwise counting takes
    /// a round trip, so the rate limiting middleware, declined here, awaits <see cref="AcquireAsyncCore"/>.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount == 0)
        {
            return WindowLease.Acquired;
        }
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        return permitCount == 1 && counter.TryTakeReserved(key) ? WindowLease.Acquired : WindowLease.NotCounted;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        if (permitCount == 0)
        {
            return WindowLease.Acquired;
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        var decision = await counter.AcquireAsync(group, key, limit, cancellationToken);
        return decision.IsAcquired ? WindowLease.Acquired : WindowLease.Rejected(decision.RetryAfter);
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
