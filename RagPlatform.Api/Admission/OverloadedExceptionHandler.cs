using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

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

        var seconds = Math.Max(1, (int)Math.Ceiling(overloaded.RetryAfter.TotalSeconds));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Too many searches at once.",
                Detail = $"This instance is past its capacity and refused the search rather than make it wait ({overloaded.Reason}). " +
                    $"Try again in {seconds} s; repeated searches are answered from the cache meanwhile.",
                Extensions = { ["reason"] = overloaded.Reason },
            },
        });
    }
}
