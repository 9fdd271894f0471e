using RagPlatform.Api.Documents;

namespace RagPlatform.Api.Search;

public static class SearchValidation
{
    public const int DefaultTopK = 10;
    public const int MaxTopK = 100;
    public const int MaxQueryLength = 4_000;
    public const int MaxHistoryTurns = 20;
    public const int MaxTurnLength = 8_000;

    public static Dictionary<string, string[]> Validate(string field, string? text, int? topK, string? collection, double? minScore = null)
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
        if (minScore is { } score && !(score is >= 0 and <= 1))
        {
            errors["minScore"] = ["'minScore' must be between 0 and 1 (the normalised fused score)."];
        }
        return errors;
    }

    public static void ValidateHistory(IReadOnlyList<ChatTurn>? history, Dictionary<string, string[]> errors)
    {
        if (history is null)
        {
            return;
        }
        if (history.Count > MaxHistoryTurns)
        {
            errors["history"] = [$"'history' may hold at most {MaxHistoryTurns} turns."];
            return;
        }
        for (var i = 0; i < history.Count; i++)
        {
            var turn = history[i];
            if (turn is null || !IsRole(turn.Role))
            {
                errors["history"] = [$"'history[{i}].role' must be \"user\" or \"assistant\"."];
                return;
            }
            if (string.IsNullOrWhiteSpace(turn.Content) || turn.Content.Length > MaxTurnLength)
            {
                errors["history"] = [$"'history[{i}].content' is required and must be at most {MaxTurnLength} characters."];
                return;
            }
        }
    }

    public static bool IsUser(ChatTurn turn) => string.Equals(turn.Role, "user", StringComparison.OrdinalIgnoreCase);

    private static bool IsRole(string? role) =>
        string.Equals(role, "user", StringComparison.OrdinalIgnoreCase) || string.Equals(role, "assistant", StringComparison.OrdinalIgnoreCase);
}
