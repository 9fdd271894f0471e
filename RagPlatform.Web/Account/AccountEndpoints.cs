using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace RagPlatform.Web.Account;

/// <summary>The sign-in page's form posts: each checks the credential, then issues the sign-in cookie.</summary>
public static class AccountEndpoints
{
    private static readonly string[] DevelopmentRoles = [WebClaims.Reader, WebClaims.Writer, WebClaims.Admin];

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/signin/development", SignInDevelopmentAsync);
        account.MapPost("/signin/apikey", SignInApiKeyAsync);
        account.MapGet("/signin/oidc", (string? returnUrl, IOptions<WebAuthOptions> options) => options.Value.Oidc.IsConfigured
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme])
            : Results.NotFound());
        account.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()); // it binds no form, so it would not be checked otherwise
        return app;
    }

    /// <summary>Development only: a token for the development tenant with the chosen role (all three roles for admin).</summary>
    private static async Task<IResult> SignInDevelopmentAsync(
        HttpContext context, DevelopmentTokens tokens, [FromForm] string? role, [FromForm] string? returnUrl)
    {
        if (!tokens.IsAvailable)
        {
            return Results.NotFound();
        }
        var index = Array.IndexOf(DevelopmentRoles, role ?? WebClaims.Admin);
        if (index < 0)
        {
            return Results.LocalRedirect("/signin?error=role");
        }
        var roles = DevelopmentRoles[..(index + 1)];
        var token = tokens.Create($"developer-{roles[^1]}", roles);
        var user = WebClaims.Create($"Developer ({roles[^1]})", tokens.Tenant, roles, accessToken: token);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user);
        return Results.LocalRedirect(LocalUrl(returnUrl));
    }

    private static async Task<IResult> SignInApiKeyAsync(
        HttpContext context, ApiKeySignIn apiKeys, [FromForm] string? apiKey, [FromForm] string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            return Results.LocalRedirect("/signin?error=apikey");
        }
        var result = await apiKeys.SignInAsync(apiKey.Trim(), context.RequestAborted);
        if (result.User is not { } user)
        {
            return Results.LocalRedirect($"/signin?error={result.Error}");
        }
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user);
        return Results.LocalRedirect(LocalUrl(returnUrl));
    }

    /// <summary>Only this app's own pages: an open redirect would let a link send a freshly signed-in user anywhere.</summary>
    private static string LocalUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
