using System.Text.Json;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Api.Search;

/// <summary>
/// Reads the request's <c>filter</c> JSON into a <see cref="MetadataFilter"/>, or says what is wrong with it under
/// the key <c>filter</c>. Values are only ever compared, never interpreted, so any string is a safe value.
/// </summary>
public static class MetadataFilterParser
{
    public const int MaxKeys = 16;
    public const int MaxValuesPerKey = 64;
    public const int MaxKeyLength = 64;
    public const int MaxValueLength = 1024;
    private const string Field = "filter";
    private const string Shape = "{\"metadata\": {\"key\": \"value\" or [\"value\", ...]}}";

    public static MetadataFilter? Parse(JsonElement? filter, Dictionary<string, string[]> errors)
    {
        if (filter is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Fail(errors, $"'filter' must be an object: {Shape}.");
        }

        JsonElement? metadata = null;
        foreach (var property in element.EnumerateObject())
        {
            if (!property.Name.Equals("metadata", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(errors, $"'filter' has an unknown member '{Clip(property.Name)}'; the shape is {Shape}.");
            }
            metadata = property.Value;
        }
        if (metadata is not { } conditions || conditions.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (conditions.ValueKind != JsonValueKind.Object)
        {
            return Fail(errors, $"'filter.metadata' must be an object: {Shape}.");
        }

        var parsed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var property in conditions.EnumerateObject())
        {
            if (parsed.Count == MaxKeys)
            {
                return Fail(errors, $"'filter.metadata' may hold at most {MaxKeys} keys.");
            }
            if (!IsValidKey(property.Name))
            {
                return Fail(errors, $"'filter.metadata' key '{Clip(property.Name)}' must be 1-{MaxKeyLength} letters, digits, '_' or '-'.");
            }
            if (Values(property.Value) is not { } values)
            {
                return Fail(errors, $"'filter.metadata.{property.Name}' must be a string or a non-empty array of at most {MaxValuesPerKey} strings, each at most {MaxValueLength} characters.");
            }
            if (!parsed.TryAdd(property.Name, values))
            {
                return Fail(errors, $"'filter.metadata' names '{property.Name}' twice.");
            }
        }
        return parsed.Count == 0 ? null : new MetadataFilter(parsed);
    }

    /// <summary>Letters, digits, '_' and '-' only: Qdrant reads dots and brackets in a payload key as a path.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static string[]? Values(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() is { Length: <= MaxValueLength } single ? [single] : null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxValuesPerKey)
        {
            return null;
        }
        var values = new string[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: <= MaxValueLength } text)
            {
                return null;
            }
            values[i++] = text;
        }
        return values;
    }

    private static MetadataFilter? Fail(Dictionary<string, string[]> errors, string message)
    {
        errors[Field] = [message];
        return null;
    }

    private static string Clip(string text) => text.Length <= MaxKeyLength ? text : text[..MaxKeyLength] + "…";
}
