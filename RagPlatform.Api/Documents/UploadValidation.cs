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

    public static Dictionary<string, string[]> Validate(UploadDocumentRequest request, int maxContentChars)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Id is not null && !IsValidIdentifier(request.Id, MaxIdLength))
        {
            errors["id"] = [$"'id' must be 1-{MaxIdLength} characters of letters, digits, '-', '_', '.' or ':'."];
        }
        if (string.IsNullOrWhiteSpace(request.Content))
        {
            errors["content"] = ["'content' is required and must not be empty."];
        }
        else if (request.Content.Length > maxContentChars)
        {
            errors["content"] = [$"'content' is longer than the limit of {maxContentChars} characters."];
        }
        if (request.ContentType is not null && !ContentTypes.IsSupported(request.ContentType))
        {
            errors["contentType"] = [$"'contentType' '{request.ContentType}' is not supported; use one of: {string.Join(", ", ContentTypes.Supported)}."];
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
