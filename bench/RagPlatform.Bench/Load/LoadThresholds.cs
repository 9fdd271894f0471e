using System.Globalization;
using static System.FormattableString;

namespace RagPlatform.Bench.Load;

/// <summary>The pass/fail limits given on the command line, judged on the overall figures.</summary>
public sealed record LoadThresholds(double? P95Ms, double? MaxErrorRate)
{
    /// <summary>One line per failed threshold; empty when every threshold holds (or none was given).</summary>
    public IReadOnlyList<string> Failures(double p95Ms, double errorRate, long requests)
    {
        var failures = new List<string>();
        if (requests == 0 && (P95Ms is not null || MaxErrorRate is not null))
        {
            failures.Add("no request completed, so no threshold can hold");
            return failures;
        }
        if (P95Ms is { } maxP95 && p95Ms > maxP95)
        {
            failures.Add(Invariant($"p95 {p95Ms:0.##} ms is above --p95-ms {maxP95:0.##}"));
        }
        if (MaxErrorRate is { } maxRate && errorRate > maxRate)
        {
            failures.Add(Invariant($"error rate {errorRate:0.####%} is above --max-error-rate {maxRate:0.####%}"));
        }
        return failures;
    }

    /// <summary>An error rate as a fraction (0.01) or a percentage (1%).</summary>
    public static bool TryParseRate(string text, out double rate)
    {
        text = text.Trim();
        var percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out rate))
        {
            return false;
        }
        if (percent)
        {
            rate /= 100;
        }
        return rate is >= 0 and <= 1;
    }
}
