using Microsoft.AspNetCore.Diagnostics;

namespace RagPlatform.Api.Admission;

/// <summary>A request refused by load shedding: 503 with Retry-After and a ProblemDetails saying so, at once.</summary>
public sealed class OverloadedExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not OverloadedException overloaded)
        {
            return false;
        }

        return await ServiceUnavailable.WriteAsync(problemDetails, httpContext, exception, overloaded.RetryAfter,
            "Too many searches at once.",
            seconds => $"This instance is past its capacity and refused the search rather than make it wait ({overloaded.Reason}). " +
                $"Try again in {seconds} s; repeated searches are answered from the cache meanwhile.",
            new Dictionary<string, object?> { ["reason"] = overloaded.Reason });
    }
}
