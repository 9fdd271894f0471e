using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace RagPlatform.Api;

/// <summary>How every 503 of the API reads: Retry-After in whole seconds and a ProblemDetails saying why.</summary>
public static class ServiceUnavailable
{
    public static ValueTask<bool> WriteAsync(
        IProblemDetailsService problemDetails, HttpContext httpContext, Exception exception, TimeSpan retryAfter, string title, Func<int, string> detail,
        IDictionary<string, object?>? extensions = null)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail(seconds) };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
