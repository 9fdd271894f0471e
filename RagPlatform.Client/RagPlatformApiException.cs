using System.Net;
using System.Text.Json;

namespace RagPlatform.Client;

/// <summary>
/// The API refused a request: its RFC 9457 problem details (<see cref="Title"/>, <see cref="Detail"/>, the field
/// <see cref="Errors"/> of a validation problem, any other members in <see cref="Extensions"/>), or, when the body was
/// no problem document, the status alone.
/// </summary>
public sealed class RagPlatformApiException : Exception
{
    public RagPlatformApiException(HttpStatusCode status, string? title, string? detail, string? type = null,
        IReadOnlyDictionary<string, string[]>? errors = null, IReadOnlyDictionary<string, JsonElement>? extensions = null,
        TimeSpan? retryAfter = null)
        : base(Describe(status, title, detail, errors))
    {
        Status = status;
        Title = title;
        Detail = detail;
        Type = type;
        Errors = errors ?? new Dictionary<string, string[]>();
        Extensions = extensions ?? new Dictionary<string, JsonElement>();
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status of the answer (400, 401, 403, 404, 409, 413, 415, 422, 429, 503...).</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's short summary.</summary>
    public string? Title { get; }

    /// <summary>What exactly was wrong, in the API's words.</summary>
    public string? Detail { get; }

    /// <summary>The problem type URI, when the API gave one.</summary>
    public string? Type { get; }

    /// <summary>Validation errors by field name (a 400 naming the fields at fault); empty otherwise.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The problem's other members (traceId, say).</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; }

    /// <summary>How long to wait before trying again, from <c>Retry-After</c> (429 and 503).</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors)
    {
        var text = $"{(int)status} {title ?? status.ToString()}";
        if (!string.IsNullOrEmpty(detail))
        {
            text += $": {detail}";
        }
        if (errors is { Count: > 0 })
        {
            text += " " + string.Join(" ", errors.SelectMany(error => error.Value));
        }
        return text;
    }
}
