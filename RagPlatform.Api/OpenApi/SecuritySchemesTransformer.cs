using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RagPlatform.Api.Security;

namespace RagPlatform.Api.OpenApi;

/// <summary>
/// Declares how a caller authenticates (bearer JWT, X-Api-Key) and the admin endpoints' X-Service-Token, so the
/// interactive reference offers to authorise with them and generated clients know the headers.
/// </summary>
public sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer
{
    public const string Bearer = "Bearer";
    public const string ApiKey = "ApiKey";
    public const string ServiceToken = "ServiceToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT: in development from `dotnet run --project RagPlatform.AppHost -- token` ($TOKEN); otherwise from your identity provider.",
        };
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key (rpk_…) created with POST /api/v1/admin/api-keys.",
        };
        document.Components.SecuritySchemes[ServiceToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ServiceTokenFilter.HeaderName,
            Description = "The deployment's service token, needed by /api/v1/admin/* besides the admin role ($SERVICE_TOKEN in development).",
        };
        return Task.CompletedTask;
    }
}
