using System.Text.Json;
using System.Text.Json.Serialization;
using static System.FormattableString;

namespace RagPlatform.Bench.Load;

/// <summary>One line of figures: an operation's, or the overall ones.</summary>
public sealed record LoadRow(
    string Operation,
    long Count,
    double RequestsPerSecond,
    double P50Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    long Errors,
    double ErrorRate,
    IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyDictionary<string, long> ByException)
{
    public static LoadRow From(string operation, OperationStats stats, TimeSpan elapsed) => new(
        operation,
        stats.Count,
        elapsed > TimeSpan.Zero ? stats.Count / elapsed.TotalSeconds : 0,
        stats.Latency.PercentileMs(50),
        stats.Latency.PercentileMs(90),
        stats.Latency.PercentileMs(95),
        stats.Latency.PercentileMs(99),
        stats.Latency.MaxMicros / 1000.0,
        stats.Errors,
        stats.ErrorRate,
        stats.StatusCounts.ToDictionary(s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value),
        stats.ExceptionCounts);
}

/// <summary>One operation's requests of one outcome (served, shed, failed), with their own latency.</summary>
public sealed record LoadOutcomeRow(string Operation, string Outcome, long Count, double RequestsPerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static IEnumerable<LoadOutcomeRow> From(string operation, OperationStats stats, TimeSpan elapsed) =>
        stats.ByOutcome.Where(o => o.Value.Count > 0).Select(o => new LoadOutcomeRow(
            operation, o.Key.ToString().ToLowerInvariant(), o.Value.Count, elapsed > TimeSpan.Zero ? o.Value.Count / elapsed.TotalSeconds : 0,
            o.Value.PercentileMs(50), o.Value.PercentileMs(95), o.Value.PercentileMs(99), o.Value.MaxMicros / 1000.0));
}

/// <summary>What a load run measured and whether its thresholds held.</summary>
public sealed record LoadReport(
    string Api,
    int VirtualUsers,
    double DurationSeconds,
    string Mix,
    bool Uncached,
    string Auth,
    IReadOnlyList<LoadRow> Operations,
    LoadRow Overall,
    IReadOnlyDictionary<string, double>? CircuitBreakerOpens,
    IReadOnlyList<string> ThresholdFailures,
    IReadOnlyList<LoadOutcomeRow> Outcomes,
    double? ArrivalRate = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public bool Passed => ThresholdFailures.Count == 0;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public void Print(TextWriter output)
    {
        var load = ArrivalRate is { } rate ? Invariant($"{rate:0.#} requests/s arriving (open model)") : $"{VirtualUsers} virtual users";
        output.WriteLine(Invariant($"{Api}: {load} for {DurationSeconds:0.0} s, mix {Mix}{(Uncached ? ", searches uncached" : "")}, auth: {Auth}"));
        output.WriteLine();
        output.WriteLine("| operation | requests | req/s | p50 ms | p90 ms | p95 ms | p99 ms | max ms | errors | error rate |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in Operations.Append(Overall))
        {
            output.WriteLine(Invariant(
                $"| {row.Operation} | {row.Count} | {row.RequestsPerSecond:0.0} | {row.P50Ms:0.0} | {row.P90Ms:0.0} | {row.P95Ms:0.0} | {row.P99Ms:0.0} | {row.MaxMs:0.0} | {row.Errors} | {row.ErrorRate:0.00%} |"));
        }
        output.WriteLine();
        foreach (var row in Operations.Append(Overall))
        {
            var outcomes = row.ByStatus.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value}")
                .Concat(row.ByException.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}"));
            output.WriteLine($"{row.Operation} by outcome: {string.Join(", ", outcomes)}");
        }
        output.WriteLine();
        output.WriteLine("| operation | outcome | requests | req/s | p50 ms | p95 ms | p99 ms | max ms |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in Outcomes)
        {
            output.WriteLine(Invariant(
                $"| {row.Operation} | {row.Outcome} | {row.Count} | {row.RequestsPerSecond:0.0} | {row.P50Ms:0.0} | {row.P95Ms:0.0} | {row.P99Ms:0.0} | {row.MaxMs:0.0} |"));
        }
        output.WriteLine();
        output.WriteLine(CircuitBreakerOpens is null
            ? "circuit-breaker opens during the run: n/a (the API exports no rag_circuit_breaker_opens_total)"
            : $"circuit-breaker opens during the run: {CircuitBreakerOpens.Values.Sum()}"
              + (CircuitBreakerOpens.Count > 0 ? $" ({string.Join(", ", CircuitBreakerOpens.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{(o.Key.Length == 0 ? "unlabelled" : o.Key)}: {o.Value}"))})" : ""));
        if (Passed)
        {
            output.WriteLine("thresholds: pass");
        }
        foreach (var failure in ThresholdFailures)
        {
            output.WriteLine($"threshold failed: {failure}");
        }
    }
}
