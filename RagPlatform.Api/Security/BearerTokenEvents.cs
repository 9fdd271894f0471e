using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace RagPlatform.Api.Security;

/// <summary>
/// What both bearer schemes (the API's own HS256 tokens and the identity provider's) do after a token's signature and
/// times are checked: refuse a malformed tenant, and answer a refusal with a 401 ProblemDetails saying why.
/// </summary>
public static class BearerTokenEvents
{
    /// <param name="algorithms">The algorithms the scheme accepts, named in the refusal of any other.</param>
    /// <param name="mapClaims">Turns the token's claims into the API's (<see cref="RagClaims"/>) before the tenant is checked.</param>
    public static JwtBearerEvents Create(string algorithms, Action<TokenValidatedContext>? mapClaims = null) => new()
    {
        OnTokenValidated = context =>
        {
            mapClaims?.Invoke(context);
            var tenants = context.Principal!.FindAll(RagClaims.Tenant).ToList();
            if (tenants.Count > 1 || (tenants.Count == 1 && !Core.Tenancy.Tenants.IsValid(tenants[0].Value)))
            {
                context.Fail("The token's tenant claim must be one name of 1-64 letters, digits, '-', '_' or '.'.");
            }
            return Task.CompletedTask;
        },
        OnChallenge = async context =>
        {
            context.HandleResponse();
            await AuthProblems.WriteUnauthorizedAsync(context.HttpContext, DescribeFailure(context.AuthenticateFailure, algorithms), bearer: true);
        },
    };

    private static string DescribeFailure(Exception? failure, string algorithms) => failure switch
    {
        null => "This endpoint needs a bearer token (Authorization: Bearer <JWT>) or an API key (X-Api-Key).",
        SecurityTokenExpiredException => "The bearer token has expired.",
        // Also what a token of a rotated-out key gets once the issuer's published keys have been fetched again.
        SecurityTokenSignatureKeyNotFoundException => "The bearer token's signature is not valid: it is signed with a key its issuer does not publish.",
        SecurityTokenInvalidSignatureException => "The bearer token's signature is not valid.",
        SecurityTokenInvalidIssuerException => "The bearer token's issuer is not accepted.",
        SecurityTokenInvalidAudienceException => "The bearer token's audience is not this API.",
        SecurityTokenInvalidAlgorithmException => $"The bearer token's signing algorithm is not accepted ({algorithms} only).",
        SecurityTokenNoExpirationException => "The bearer token has no expiry.",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet.",
        AuthenticationFailureException or SecurityTokenValidationException => $"The bearer token is not valid: {failure.Message}",
        // The token may be fine: the API cannot tell.
        IdentityProviderUnavailableException => $"The bearer token could not be checked: {failure.Message}",
        _ => "The bearer token is not valid: it is not a well-formed JWT.",
    };
}
