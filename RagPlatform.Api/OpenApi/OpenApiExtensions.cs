using Scalar.AspNetCore;

namespace RagPlatform.Api.OpenApi;

/// <summary>The OpenAPI document (always) and, in Development, Scalar's interactive reference at /scalar to try the API.</summary>
public static class OpenApiExtensions
{
    public const string ReferencePath = "/scalar";

    public static IHostApplicationBuilder AddRagOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<SecuritySchemesTransformer>();
            options.AddDocumentTransformer<TagOrderTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
        });
        return builder;
    }

    public static WebApplication MapRagOpenApi(this WebApplication app)
    {
        app.MapOpenApi();
        // A page for people trying the API on their machine; production has no use for it. Scalar serves its script from
        // this package; its default fonts come from fonts.scalar.com, so they are off: the page works offline (and the
        // page's Content-Security-Policy, SecurityHeaders, allows nothing from elsewhere). The token is pasted in by the
        // user: the page holds no secret.
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("RagPlatform API")
                .DisableDefaultFonts()
                .AddPreferredSecuritySchemes(SecuritySchemesTransformer.Bearer));
        }
        return app;
    }
}
