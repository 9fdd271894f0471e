using System.Buffers;
using System.Globalization;
using RagPlatform.Api.Search;
using RagPlatform.Core.Extraction;

namespace RagPlatform.Api.Documents;

/// <summary>Checks an upload and names every problem, keyed by the JSON field, as ValidationProblem expects.</summary>
public static class UploadValidation
{
    public const int MaxIdLength = 128;
    public const int MaxTitleLength = 512;
    public const int MaxCollectionLength = 64;
    public const int MaxMetadataEntries = 64;
    public const int MaxFileNameLength = 255;
    public const string DefaultCollection = "default";

    // Ids and collections appear in URLs, logs and index payloads: keep them to a safe alphabet.
    private static readonly SearchValues<char> IdAlphabet =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    /// <summary>Field-level problems (400). The content's type and bytes are checked separately (415/422).</summary>
    public static Dictionary<string, string[]> Validate(UploadInput request, bool fromForm)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Id is not null && !IsValidIdentifier(request.Id, MaxIdLength))
        {
            errors["id"] = [IdRule];
        }
        if (!fromForm && !request.ContentGiven)
        {
            errors["content"] = ["'content' is required and must not be empty."];
        }
        // In JSON the type is a field like any other; for a file it is the file's nature (415).
        if (!fromForm && !ContentTypes.IsText(request.ContentType ?? ContentTypes.PlainText))
        {
            errors["contentType"] = [$"'contentType' '{request.ContentType}' is not supported in JSON; use one of: {string.Join(", ", ContentTypes.Supported.Where(ContentTypes.IsText))}, or upload a file as multipart/form-data."];
        }
        if (request.Title is { Length: > MaxTitleLength })
        {
            errors["title"] = [$"'title' must be at most {MaxTitleLength} characters."];
        }
        else if (request.Title is { } title && title.Any(char.IsControl))
        {
            errors["title"] = ["'title' must not contain control characters (NUL, line breaks, escapes)."];
        }
        if (request.FileName is { } fileName && !IsSafeFileName(fileName))
        {
            errors["file"] = [$"The file name must be a plain name of at most {MaxFileNameLength} characters: no folders ('/', '\\', '..'), control or invisible formatting characters (such as right-to-left overrides)."];
        }
        if (request.Collection is not null && !IsValidIdentifier(request.Collection, MaxCollectionLength))
        {
            errors["collection"] = [$"'collection' must be 1-{MaxCollectionLength} characters of letters, digits, '-', '_', '.' or ':', and not '.' or '..'."];
        }
        if (request.Metadata is { } metadata)
        {
            if (metadata.Count > MaxMetadataEntries)
            {
                errors["metadata"] = [$"'metadata' may hold at most {MaxMetadataEntries} entries."];
            }
            // Keys follow the filter's rules, so every key stored can be searched by, and none reads as a path.
            else if (metadata.Any(pair => !MetadataFilterParser.IsValidKey(pair.Key)))
            {
                errors["metadata"] = [$"'metadata' keys must be 1-{MetadataFilterParser.MaxKeyLength} letters, digits, '_' or '-'."];
            }
            else if (metadata.Values.Any(value => value is null || value.Length > MetadataFilterParser.MaxValueLength || HasControlCharacters(value)))
            {
                errors["metadata"] = [$"'metadata' values must be strings of at most {MetadataFilterParser.MaxValueLength} characters without control characters other than tabs and line breaks."];
            }
        }
        return errors;
    }

    /// <summary>1 to <paramref name="maxLength"/> characters of the safe alphabet, and not "." or "..", which a URL would resolve away.</summary>
    public static bool IsValidIdentifier(string value, int maxLength) =>
        value.Length is > 0 && value.Length <= maxLength && !value.AsSpan().ContainsAnyExcept(IdAlphabet) && value is not ("." or "..");

    /// <summary>The message for an id that is not <see cref="IsValidIdentifier"/>.</summary>
    public static readonly string IdRule = $"'id' must be 1-{MaxIdLength} characters of letters, digits, '-', '_', '.' or ':', and not '.' or '..'.";

    private static bool HasControlCharacters(string value) => value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

    /// <summary>
    /// A bare name: clients send no folders (RFC 7578), so a separator or a dot-dot is an attempt, and control or
    /// format characters (U+202E reverses "gpj.exe" into "exe.jpg" on screen) serve only to mislead a reader.
    /// </summary>
    private static bool IsSafeFileName(string name) =>
        name.Length is > 0 and <= MaxFileNameLength
        && name.IndexOfAny(['/', '\\']) < 0
        && !name.Contains("..", StringComparison.Ordinal)
        && !name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format);
}
