namespace RagPlatform.Api.Protection;

/// <summary>
/// Headers on every response that keep browsers from sniffing, framing or leaking it, and caches from
/// keeping API data. Set when the response starts, so error pages written later get them too.
/// </summary>
public static class SecurityHeaders
{
    // The API serves JSON and event streams, never a page: nothing may load from it or frame it.
    private const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    // Except Development's interactive reference (OpenApiExtensions): its own scripts, its inline start-up script and
    // styles, and calls to this API; still nothing from elsewhere, and no framing.
    private const string ReferencePagePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var response = ((HttpContext)state).Response;
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = response.HttpContext.Request.Path.StartsWithSegments(OpenApi.OpenApiExtensions.ReferencePath)
                ? ReferencePagePolicy
                : ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            // The event stream sets its own (no-cache, no-store); /metrics and /health are left to their scrapers.
            if (response.HttpContext.Request.Path.StartsWithSegments("/api") && !headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
