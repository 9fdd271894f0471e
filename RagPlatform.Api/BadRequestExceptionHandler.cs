using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RagPlatform.Api;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a string where a number belongs,
/// an oversized body) into a ProblemDetails with its real status and what was wrong, instead of a 500.
/// A JSON error at a known field is also listed under <c>errors</c> by that field, as validation errors are.
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var status = badRequest.StatusCode;
        var json = badRequest.InnerException as JsonException;
        var detail = json is not null ? JsonErrors.Describe(json) : badRequest.Message;
        var problem = FieldOf(json) is { } field
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
            : new ProblemDetails();
        problem.Status = status;
        problem.Title = status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "The request body's media type is not supported.",
            _ => "The request could not be read.",
        };
        problem.Detail = detail;

        // As application/problem+json even when the client accepts only text/event-stream (an ask that streams).
        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The top-level member a JSON error is in ("topK" for "$.topK", "filter" for "$.filter.metadata.team").</summary>
    private static string? FieldOf(JsonException? json)
    {
        if (json?.Path is not { Length: > 2 } path || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }
        var end = path.AsSpan(2).IndexOfAny('.', '[');
        return end < 0 ? path[2..] : path[2..(end + 2)];
    }
}
