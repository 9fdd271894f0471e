using System.Collections.Concurrent;

namespace RagPlatform.Api.RateLimiting;

/// <summary>
/// Permits this instance has already counted in Redis but not yet used, per client and group. A client that
/// sends many requests then costs one Redis round trip per batch instead of one per request: each batch is
/// twice the last, up to a hundredth of the budget (<see cref="MaxBatch"/>). Permits held here and never used
/// are missing from the other replicas' share, so that cap bounds how much a replica can take from them: with
/// the default 100 requests a minute the batch is always 1 and every request is counted in Redis as before.
/// A permit is only ever used inside the window Redis counted it in.
/// </summary>
public sealed class PermitReservations(TimeProvider time)
{
    /// <summary>The largest batch is the budget divided by this.</summary>
    public const int BudgetShare = 100;

    private readonly ConcurrentDictionary<string, Reservation> _byKey = new(StringComparer.Ordinal);

    public static long MaxBatch(RateLimit limit) => Math.Max(1, limit.PermitLimit / BudgetShare);

    /// <summary>Uses a permit counted earlier in the current window, if one is left.</summary>
    public bool TryTake(string key)
    {
        if (!_byKey.TryGetValue(key, out var reservation))
        {
            return false;
        }
        var now = time.GetTimestamp();
        lock (reservation)
        {
            if (reservation.Permits > 0 && now < reservation.End)
            {
                reservation.Permits--;
                return true;
            }
            return false;
        }
    }

    /// <summary>How many permits the next count in Redis should take: 1 at the start of a window, then doubling.</summary>
    public long NextBatch(string key, RateLimit limit)
    {
        if (!_byKey.TryGetValue(key, out var reservation))
        {
            return 1;
        }
        var now = time.GetTimestamp();
        lock (reservation)
        {
            return now < reservation.End ? Math.Min(reservation.NextBatch, MaxBatch(limit)) : 1;
        }
    }

    /// <summary>
    /// Keeps <paramref name="spare"/> permits of a batch of <paramref name="batch"/> just counted in Redis.
    /// <paramref name="countedAt"/> is a timestamp taken before the count, so the window is taken to end no
    /// later than it does in Redis.
    /// </summary>
    public void Keep(string key, long spare, long batch, long countedAt, TimeSpan resetAfter, RateLimit limit)
    {
        var end = countedAt + ToTimestampTicks(resetAfter);
        // Two counts in one window end within moments of each other; the next window ends a whole window later.
        var halfWindow = ToTimestampTicks(limit.Window / 2);
        var reservation = _byKey.GetOrAdd(key, static _ => new Reservation());
        lock (reservation)
        {
            if (Math.Abs(end - reservation.End) >= halfWindow)
            {
                if (end < reservation.End)
                {
                    // A late answer about an earlier window: its spare permits belong to a window that is over.
                    return;
                }
                reservation.Permits = 0;
                reservation.NextBatch = 1;
                reservation.End = end;
            }
            reservation.Permits += spare;
            reservation.End = Math.Min(reservation.End, end);
            reservation.NextBatch = Math.Min(Math.Max(reservation.NextBatch, batch * 2), MaxBatch(limit));
        }
    }

    /// <summary>Redis refused: nothing is left in this window, and the next one starts with a batch of 1.</summary>
    public void Exhausted(string key)
    {
        if (_byKey.TryGetValue(key, out var reservation))
        {
            lock (reservation)
            {
                reservation.Permits = 0;
                reservation.NextBatch = 1;
            }
        }
    }

    /// <summary>Drops the reservations of windows that are over.</summary>
    public void Sweep()
    {
        var now = time.GetTimestamp();
        foreach (var (key, reservation) in _byKey)
        {
            if (Volatile.Read(ref reservation.End) <= now)
            {
                _byKey.TryRemove(KeyValuePair.Create(key, reservation));
            }
        }
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private sealed class Reservation
    {
        public long Permits;

        /// <summary>When the window ends, as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
        public long End;

        public long NextBatch = 1;
    }
}
