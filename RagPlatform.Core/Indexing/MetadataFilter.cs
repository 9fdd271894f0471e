namespace RagPlatform.Core.Indexing;

/// <summary>
/// Keeps chunks whose document metadata has, for every key, one of that key's values: keys are ANDed,
/// values ORed, comparison exact and case-sensitive. A document without the key never matches.
/// </summary>
public sealed class MetadataFilter
{
    public MetadataFilter(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        // Sorted and de-duplicated, so equal filters look equal (cache keys, logs) however they were written.
        Conditions = conditions
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new KeyValuePair<string, IReadOnlyList<string>>(
                c.Key, c.Value.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()))
            .ToArray();
        if (Conditions.Select(c => c.Key).Distinct(StringComparer.Ordinal).Count() != Conditions.Count)
        {
            throw new ArgumentException("A metadata key may appear only once in a filter.", nameof(conditions));
        }
        if (Conditions.Any(c => c.Value.Count == 0))
        {
            throw new ArgumentException("Every metadata key of a filter needs at least one value.", nameof(conditions));
        }
    }

    /// <summary>Key to allowed values, sorted by key (ordinal), values sorted and distinct.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Conditions { get; }

    /// <summary>A filter on one key equal to one value.</summary>
    public static MetadataFilter Equal(string key, string value) => new([new(key, [value])]);

    public bool Matches(IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (key, values) in Conditions)
        {
            if (metadata is null || !metadata.TryGetValue(key, out var actual) || !values.Contains(actual, StringComparer.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
