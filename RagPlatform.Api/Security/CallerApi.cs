using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Api.RateLimiting;

namespace RagPlatform.Api.Security;

/// <summary>
/// GET /api/v1/me: who the presented credentials are, as the API sees them after its claim mapping. A client (the web
/// app signing someone in with an API key, a script checking its token) learns the tenant and roles it will act with.
/// </summary>
public static class CallerApi
{
    public static RouteHandlerBuilder MapCallerApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/me", GetCaller).WithTags("Account").WithName("GetCaller")
            .WithSummary("Who the credentials are: subject, tenant, roles (cumulative: a writer also reads, an admin does everything).")
            .RequireAuthorization(Policies.Read)
            .RequireRateLimiting(RateLimitGroups.Documents);

    public static Ok<Caller> GetCaller(ClaimsPrincipal user) => TypedResults.Ok(new Caller(
        user.FindFirstValue(RagClaims.Subject) ?? "",
        user.GetTenant(),
        Roles.All.Where(role => user.HasClaim(RagClaims.Role, role)).ToList(),
        SchemeOf(user),
        user.FindFirstValue(RagClaims.ApiKeyId)));

    private static string SchemeOf(ClaimsPrincipal user) => user.Identity?.AuthenticationType switch
    {
        ApiKeyAuthenticationHandler.SchemeName => ApiKeyAuthenticationHandler.SchemeName,
        OidcAuthentication.SchemeName => OidcAuthentication.SchemeName,
        _ => "Bearer",
    };
}

/// <param name="Scheme">How the caller signed in: <c>Bearer</c> (the API's own token), <c>Oidc</c> (the organisation's identity provider) or <c>ApiKey</c>.</param>
/// <param name="ApiKeyId">The API key's id, when the caller presented one.</param>
public sealed record Caller(string Subject, string Tenant, IReadOnlyList<string> Roles, string Scheme, string? ApiKeyId);
