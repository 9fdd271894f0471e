namespace RagPlatform.Web.Components.Shared;

/// <summary>Metadata typed as <c>key=value</c> lines (a filter's values separated by commas: <c>team=ops,sre</c>).</summary>
public static class MetadataText
{
    public static Dictionary<string, string>? ParseValues(string? text)
    {
        var pairs = Pairs(text).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return pairs.Count > 0 ? pairs : null;
    }

    public static Dictionary<string, IReadOnlyList<string>>? ParseFilter(string? text)
    {
        var filter = Pairs(text).ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<string>)pair.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            StringComparer.Ordinal);
        return filter.Count > 0 ? filter : null;
    }

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2 && parts[0].Length > 0)
            .Select(parts => KeyValuePair.Create(parts[0], parts[1]));
}
