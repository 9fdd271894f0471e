using System.Numerics;

namespace RagPlatform.Bench.Load;

/// <summary>
/// Latencies in microseconds, counted in log-linear buckets (HdrHistogram's layout): exact below
/// 1,024 µs, then 512 buckets per power of two, so any percentile is within 0.2 % of the true
/// value. Recording is one interlocked increment, with no allocation, from any number of threads.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 9;
    private const int SubBuckets = 1 << SubBucketBits;            // 512
    private const int DirectLimit = SubBuckets * 2;               // values below are their own bucket
    private const long MaxMicroseconds = (1L << 36) - 1;          // about 19 hours: anything longer is clamped

    private readonly long[] _counts = new long[IndexOf(MaxMicroseconds) + 1];
    private long _total;
    private long _max;

    public long Count => Interlocked.Read(ref _total);

    public long MaxMicros => Interlocked.Read(ref _max);

    public void Record(TimeSpan elapsed) => RecordMicros((long)elapsed.TotalMicroseconds);

    public void RecordMicros(long micros)
    {
        micros = Math.Clamp(micros, 0, MaxMicroseconds);
        Interlocked.Increment(ref _counts[IndexOf(micros)]);
        Interlocked.Increment(ref _total);
        long max;
        while (micros > (max = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, micros, max) != max)
        {
        }
    }

    /// <summary>Adds another histogram's counts to this one (the overall figures are the operations' merged).</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += Interlocked.Read(ref other._counts[i]);
        }
        _total += other.Count;
        _max = Math.Max(_max, other.MaxMicros);
    }

    /// <summary>
    /// The smallest recorded value (to bucket precision) that at least <paramref name="percentile"/> % of
    /// the recordings do not exceed: the nearest-rank definition. 0 when nothing was recorded.
    /// </summary>
    public long PercentileMicros(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var total = Count;
        if (total == 0)
        {
            return 0;
        }
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(i), MaxMicros);
            }
        }
        return MaxMicros;
    }

    public double PercentileMs(double percentile) => PercentileMicros(percentile) / 1000.0;

    public static int IndexOf(long micros)
    {
        if (micros < DirectLimit)
        {
            return (int)micros;
        }
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)micros) - SubBucketBits;
        return ((shift + 1) * SubBuckets) + (int)((micros >> shift) - SubBuckets);
    }

    /// <summary>The largest value that falls into bucket <paramref name="index"/>.</summary>
    public static long HighestEquivalent(int index)
    {
        if (index < DirectLimit)
        {
            return index;
        }
        var shift = (index / SubBuckets) - 1;
        var lowest = (long)((index % SubBuckets) + SubBuckets) << shift;
        return lowest + (1L << shift) - 1;
    }
}
