using System.Collections.Concurrent;

namespace RagPlatform.Bench.Load;

/// <summary>One operation's outcomes: latencies of every request, counts by HTTP status and by transport error.</summary>
public sealed class OperationStats
{
    private readonly long[] _statuses = new long[600];
    private readonly ConcurrentDictionary<string, long> _exceptions = new(StringComparer.Ordinal);

    public LatencyHistogram Latency { get; } = new();

    /// <summary>The latencies of each <see cref="LoadOutcome"/> apart: a fast refusal must not hide a slow answer.</summary>
    public IReadOnlyDictionary<LoadOutcome, LatencyHistogram> ByOutcome { get; } =
        Enum.GetValues<LoadOutcome>().ToDictionary(outcome => outcome, _ => new LatencyHistogram());

    public long Count => Latency.Count;

    public long Errors
    {
        get
        {
            long errors = _exceptions.Values.Sum();
            for (var status = 0; status < _statuses.Length; status++)
            {
                if (status is < 200 or > 299)
                {
                    errors += Interlocked.Read(ref _statuses[status]);
                }
            }
            return errors;
        }
    }

    public double ErrorRate => Count == 0 ? 0 : (double)Errors / Count;

    public void RecordStatus(int status, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _statuses[Math.Clamp(status, 0, _statuses.Length - 1)]);
        Latency.Record(elapsed);
        ByOutcome[Outcomes.Of(status)].Record(elapsed);
    }

    /// <summary>A request that got no status: counted by exception type ("Timeout" for the client's own timeout).</summary>
    public void RecordException(string kind, TimeSpan elapsed)
    {
        _exceptions.AddOrUpdate(kind, 1, (_, n) => n + 1);
        Latency.Record(elapsed);
        ByOutcome[LoadOutcome.Failed].Record(elapsed);
    }

    public IReadOnlyDictionary<int, long> StatusCounts =>
        Enumerable.Range(0, _statuses.Length).Where(s => _statuses[s] > 0).ToDictionary(s => s, s => _statuses[s]);

    public IReadOnlyDictionary<string, long> ExceptionCounts => _exceptions.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>The overall figures: every operation's recordings together.</summary>
    public static OperationStats Merge(IEnumerable<OperationStats> parts)
    {
        var merged = new OperationStats();
        foreach (var part in parts)
        {
            merged.Latency.Add(part.Latency);
            foreach (var (outcome, latency) in part.ByOutcome)
            {
                merged.ByOutcome[outcome].Add(latency);
            }
            for (var s = 0; s < part._statuses.Length; s++)
            {
                merged._statuses[s] += part._statuses[s];
            }
            foreach (var (kind, n) in part._exceptions)
            {
                merged._exceptions.AddOrUpdate(kind, n, (_, m) => m + n);
            }
        }
        return merged;
    }
}
