using System.Buffers;
using RagPlatform.Core.Extraction;

namespace RagPlatform.Api.Documents;

/// <summary>Checks an upload and names every problem, keyed by the JSON field, as ValidationProblem expects.</summary>
public static class UploadValidation
{
    public const int MaxIdLength = 128;
    public const int MaxTitleLength = 512;
    public const int MaxCollectionLength = 64;
    public const int MaxMetadataEntries = 64;
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
            errors["id"] = [$"'id' must be 1-{MaxIdLength} characters of letters, digits, '-', '_', '.' or ':'."];
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
        if (request.Collection is not null && !IsValidIdentifier(request.Collection, MaxCollectionLength))
        {
            errors["collection"] = [$"'collection' must be 1-{MaxCollectionLength} characters of letters, digits, '-', '_', '.' or ':'."];
        }
        if (request.Metadata is { } metadata)
        {
            if (metadata.Count > MaxMetadataEntries)
            {
                errors["metadata"] = [$"'metadata' may hold at most {MaxMetadataEntries} entries."];
            }
            else if (metadata.Any(pair => string.IsNullOrWhiteSpace(pair.Key) || pair.Key.Length > 64 || pair.Value is null || pair.Value.Length > 1024))
            {
                errors["metadata"] = ["'metadata' keys must be 1-64 characters and values non-null strings of at most 1024 characters."];
            }
        }
        return errors;
    }

    public static bool IsValidIdentifier(string value, int maxLength) =>
        value.Length is > 0 && value.Length <= maxLength && !value.AsSpan().ContainsAnyExcept(IdAlphabet);
}
