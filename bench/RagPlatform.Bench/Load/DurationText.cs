using System.Globalization;
using System.Text.RegularExpressions;

namespace RagPlatform.Bench.Load;

/// <summary>Durations as people type them: <c>90s</c>, <c>7m</c>, <c>1h</c>, <c>1m30s</c>, <c>45</c> (seconds) or <c>00:07:00</c>.</summary>
public static partial class DurationText
{
    [GeneratedRegex(@"\G(\d+(?:\.\d+)?)(ms|h|m|s)")]
    private static partial Regex Part();

    public static bool TryParse(string text, out TimeSpan duration)
    {
        text = text.Trim();
        duration = TimeSpan.Zero;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        }
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            duration = TimeSpan.FromSeconds(seconds);
            return duration > TimeSpan.Zero;
        }
        var position = 0;
        for (var match = Part().Match(text); match.Success; match = match.NextMatch())
        {
            var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                _ => TimeSpan.FromHours(number),
            };
            position = match.Index + match.Length;
        }
        return position == text.Length && text.Length > 0 && duration > TimeSpan.Zero;
    }
}
