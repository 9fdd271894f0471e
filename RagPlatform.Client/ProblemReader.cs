using System.Text.Json;

namespace RagPlatform.Client;

/// <summary>Turns an unsuccessful response into a <see cref="RagPlatformApiException"/>, reading its problem details when it has them.</summary>
internal static class ProblemReader
{
    private static readonly HashSet<string> StandardMembers = new(StringComparer.OrdinalIgnoreCase) { "type", "title", "status", "detail", "instance", "errors" };

    public static async Task<RagPlatformApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!TryParse(body, out var problem))
        {
            return new RagPlatformApiException(response.StatusCode, response.ReasonPhrase, string.IsNullOrWhiteSpace(body) ? null : body, retryAfter: retryAfter);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (problem.TryGetProperty("errors", out var errorsElement) && errorsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errorsElement.EnumerateObject())
            {
                errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                    ? field.Value.EnumerateArray().Select(message => message.ToString()).ToArray()
                    : [field.Value.ToString()];
            }
        }
        var extensions = problem.EnumerateObject().Where(member => !StandardMembers.Contains(member.Name))
            .ToDictionary(member => member.Name, member => member.Value.Clone(), StringComparer.Ordinal);
        return new RagPlatformApiException(response.StatusCode, Text(problem, "title") ?? response.ReasonPhrase, Text(problem, "detail"),
            Text(problem, "type"), errors, extensions, retryAfter);
    }

    private static bool TryParse(string body, out JsonElement problem)
    {
        problem = default;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            problem = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
