using System.Globalization;
using System.Text.RegularExpressions;

namespace RagPlatform.Bench.Load;

/// <summary>
/// Reads <c>rag_circuit_breaker_opens_total</c> from the API's Prometheus text, summed per
/// <c>dependency</c> label, so a run can report how many breakers opened while it ran.
/// </summary>
public static partial class BreakerMetrics
{
    public const string OpensMetric = "rag_circuit_breaker_opens_total";
    public const string StateMetric = "rag_circuit_breaker_state";

    [GeneratedRegex("""^rag_circuit_breaker_opens_total(?:\{(?<labels>[^}]*)\})?\s+(?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex OpensLine();

    [GeneratedRegex("""dependency="(?<dependency>(?:[^"\\]|\\.)*)"\s*""")]
    private static partial Regex DependencyLabel();

    /// <summary>
    /// Opens so far per dependency; empty when the breakers are exported (their state gauge) but none has opened yet
    /// (the counter appears with its first open); null when the API exports no breaker metrics at all.
    /// </summary>
    public static Dictionary<string, double>? ParseOpens(string prometheusText)
    {
        Dictionary<string, double>? opens = null;
        foreach (Match line in OpensLine().Matches(prometheusText))
        {
            if (!double.TryParse(line.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var dependency = DependencyLabel().Match(line.Groups["labels"].Value) is { Success: true } label
                ? label.Groups["dependency"].Value
                : "";
            opens ??= new Dictionary<string, double>(StringComparer.Ordinal);
            opens[dependency] = opens.GetValueOrDefault(dependency) + value;
        }
        return opens ?? (prometheusText.StartsWith(StateMetric, StringComparison.Ordinal) || prometheusText.Contains("\n" + StateMetric, StringComparison.Ordinal)
            ? new Dictionary<string, double>(StringComparer.Ordinal)
            : null);
    }

    /// <summary>Opens during the run per dependency (after minus before); null when neither scrape had the metric.</summary>
    public static Dictionary<string, double>? Diff(Dictionary<string, double>? before, Dictionary<string, double>? after)
    {
        if (after is null)
        {
            return null;
        }
        return after.ToDictionary(a => a.Key, a => Math.Max(0, a.Value - (before?.GetValueOrDefault(a.Key) ?? 0)), StringComparer.Ordinal);
    }

    /// <summary>The scrape, or null when the API has no /metrics or does not answer it.</summary>
    public static async Task<Dictionary<string, double>?> ScrapeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("metrics", cancellationToken);
            return response.IsSuccessStatusCode ? ParseOpens(await response.Content.ReadAsStringAsync(cancellationToken)) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
