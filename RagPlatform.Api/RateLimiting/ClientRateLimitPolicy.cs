using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace RagPlatform.Api.RateLimiting;

/// <summary>
/// The policy of one endpoint group: a budget per client, where the client is the authenticated
/// subject, else the API key, else the remote address. Refusals are 429 ProblemDetails with Retry-After.
/// </summary>
public sealed class ClientRateLimitPolicy(string group, RateLimit limit, WindowCounter counter, RateLimitMetrics metrics, TimeProvider time) : IRateLimiterPolicy<string>
{
    /// <summary>The claim the API-key authentication handler sets to the key's id.</summary>
    public const string ApiKeyIdClaim = "api_key_id";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get(ClientOf(httpContext),
            client => new SharedWindowRateLimiter(counter, group, $"rag:ratelimit:{group}:{client}", limit, time));

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    /// <summary>Who is counted: claims only count once an authentication handler has vouched for them.</summary>
    public static string ClientOf(HttpContext httpContext)
    {
        var user = httpContext.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if ((user.FindFirst("sub") ?? user.FindFirst(ClaimTypes.NameIdentifier))?.Value is { Length: > 0 } subject)
            {
                return "sub:" + subject;
            }
            if (user.FindFirst(ApiKeyIdClaim)?.Value is { Length: > 0 } apiKey)
            {
                return "key:" + apiKey;
            }
        }
        return "ip:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        metrics.Rejected(group);
        var httpContext = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window;
        // Whole seconds, rounded up: a client that waits as told finds the new window open.
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // TypedResults.Problem writes problem+json even to a client that accepts only text/event-stream.
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests.",
            detail: $"At most {limit.PermitLimit} requests per {Describe(limit.Window)} are allowed for '{group}' endpoints; try again in {seconds} s.")
            .ExecuteAsync(httpContext);
    }

    private static string Describe(TimeSpan window) =>
        window.TotalSeconds % 60 == 0 ? $"{window.TotalMinutes:0.##} min" : $"{window.TotalSeconds:0.##} s";
}
