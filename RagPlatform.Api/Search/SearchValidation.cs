using RagPlatform.Api.Documents;

namespace RagPlatform.Api.Search;

public static class SearchValidation
{
    public const int DefaultTopK = 10;
    public const int MaxTopK = 100;
    public const int MaxQueryLength = 4_000;

    public static Dictionary<string, string[]> Validate(string field, string? text, int? topK, string? collection)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = [$"'{field}' is required and must not be empty."];
        }
        else if (text.Length > MaxQueryLength)
        {
            errors[field] = [$"'{field}' must be at most {MaxQueryLength} characters."];
        }
        if (topK is < 1 or > MaxTopK)
        {
            errors["topK"] = [$"'topK' must be between 1 and {MaxTopK}."];
        }
        if (collection is not null && !UploadValidation.IsValidIdentifier(collection, UploadValidation.MaxCollectionLength))
        {
            errors["collection"] = ["'collection' is not a valid collection name."];
        }
        return errors;
    }
}
