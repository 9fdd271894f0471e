using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RagPlatform.Api.Security;

/// <summary>Authenticates <c>X-Api-Key</c>: the key's tenant and roles become the caller's claims.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCache keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (values.Count != 1 || await keys.FindAsync(values[0]!, Context.RequestAborted) is not { } key)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var claims = new List<Claim>
        {
            new(RagClaims.Subject, $"apikey:{key.Id}"),
            new(RagClaims.ApiKeyId, key.Id.ToString()),
            new(RagClaims.Tenant, key.Tenant),
        };
        claims.AddRange(key.Roles.Select(role => new Claim(RagClaims.Role, role)));
        var identity = new ClaimsIdentity(claims, SchemeName, RagClaims.Subject, RagClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteUnauthorizedAsync(Context, "The API key (X-Api-Key) is unknown or revoked.", bearer: false);
}
