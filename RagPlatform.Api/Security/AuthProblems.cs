using Microsoft.AspNetCore.Mvc;

namespace RagPlatform.Api.Security;

/// <summary>401 and 403 as RFC 9457 ProblemDetails saying what was wrong with the credentials.</summary>
public static class AuthProblems
{
    public static async Task WriteUnauthorizedAsync(HttpContext context, string detail, bool bearer)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750: tell the client which scheme to use; no error code when it sent no credentials at all.
        context.Response.Headers.WWWAuthenticate = bearer && context.Request.Headers.Authorization.Count > 0
            ? $"Bearer error=\"invalid_token\", error_description=\"{HeaderSafe(detail)}\""
            : "Bearer";
        await WriteAsync(context, StatusCodes.Status401Unauthorized, "Authentication is required.", detail);
    }

    /// <summary>The detail as an RFC 6750 error_description: printable ASCII without quotes or backslashes.</summary>
    private static string HeaderSafe(string detail) =>
        new(detail.Select(c => c is >= ' ' and <= '~' and not ('"' or '\\') ? c : '\'').ToArray());

    public static Task WriteForbiddenAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed.", detail);
    }

    private static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
