using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RagPlatform.Api.RateLimiting;

namespace RagPlatform.Api.Protection;

/// <summary>What stands between the network and the handlers: CORS, security headers, body and JSON limits, rate limits.</summary>
public static class ProtectionExtensions
{
    /// <summary>Headers a browser may send cross-origin: credentials, content negotiation and idempotent uploads.</summary>
    private static readonly string[] AllowedHeaders = ["Authorization", "X-Api-Key", "Idempotency-Key", "Content-Type", "Accept"];

    public static IHostApplicationBuilder AddRequestProtection(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>>((cors, settings) => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. settings.Value.AllowedOrigins.Select(origin => origin.TrimEnd('/'))])
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders("Location", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JsonOptions>().Configure<IOptions<RequestLimitOptions>>((json, limits) =>
        {
            json.SerializerOptions.MaxDepth = limits.Value.MaxJsonDepth;
            // {"topK": 5, "topK": 500} means two things; which one wins should not be a guess.
            json.SerializerOptions.AllowDuplicateProperties = false;
        });
        // A body or parameter that cannot be bound throws, so BadRequestExceptionHandler can say what was
        // wrong in every environment (by default only Development throws; elsewhere the 400 is bare).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.Configure<ProblemDetailsOptions>(options => options.CustomizeProblemDetails = DescribeRoutingProblem);

        services.AddClientRateLimiting();
        return builder;
    }

    /// <summary>Routing's own 404, 405 and 415 come without a detail: say what was asked for.</summary>
    private static void DescribeRoutingProblem(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
        {
            return;
        }
        var request = context.HttpContext.Request;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"Nothing was found at {request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"'{request.ContentType ?? "(no Content-Type)"}' is not accepted by {request.Method} {request.Path}; send application/json (uploads also take multipart/form-data).",
            _ => null,
        };
    }

    public static WebApplication UseRequestProtection(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        // Before authentication: a preflight carries no credentials and must not be refused for it.
        app.UseCors();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        return app;
    }
}
