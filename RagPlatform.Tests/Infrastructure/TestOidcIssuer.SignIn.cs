using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// The provider's sign-in, as the web app meets it: an authorize endpoint that signs in one fixed user at once (a real
/// provider's login page is not what is tested) and a token endpoint that checks PKCE. It returns an ID token for the
/// web app and an access token for the API, both signed with the provider's current RSA key: the token the web app
/// sends on is the organisation's own, which the API accepts only through its OpenID Connect authority.
/// </summary>
public sealed partial class TestOidcIssuer
{
    /// <summary>The web app's client id at this provider.</summary>
    public const string ClientId = "ragplatform-web";

    /// <summary>The name of the user every sign-in signs in.</summary>
    public const string UserName = "Ada Reader";

    private readonly ConcurrentDictionary<string, (string? Nonce, string Challenge)> _codes = new();

    /// <summary>The roles the user signed in next gets, in the provider's own claim (<see cref="RoleClaim"/>).</summary>
    public string[] SignInRoles { get; set; } = ["reader"];

    /// <summary>The tenant the user signed in next belongs to (<see cref="TenantClaim"/>).</summary>
    public string SignInTenant { get; set; } = TestCredentials.Tenant;

    private void MapSignIn(WebApplication app)
    {
        app.MapGet("/authorize", Authorize);
        app.MapPost("/token", IssueTokensAsync);
    }

    // Signs the user in at once and posts the code back (response_mode=form_post, as the web app asks).
    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
        {
            return Results.BadRequest("client_id and a PKCE S256 challenge are required");
        }
        var code = Guid.NewGuid().ToString("N");
        _codes[code] = (query["nonce"], query["code_challenge"]!);
        var html = HtmlEncoder.Default;
        return Results.Content($"""
            <!DOCTYPE html><html><body onload="document.forms[0].submit()">
            <form method="post" action="{html.Encode(query["redirect_uri"]!)}">
            <input type="hidden" name="code" value="{code}" /><input type="hidden" name="state" value="{html.Encode(query["state"]!)}" />
            </form></body></html>
            """, "text/html");
    }

    private async Task<IResult> IssueTokensAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var issued))
        {
            return Results.BadRequest(new { error = "invalid_grant" });
        }
        var verifier = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (verifier != issued.Challenge)
        {
            return Results.BadRequest(new { error = "invalid_grant", error_description = "PKCE verification failed" });
        }

        var nonce = issued.Nonce is { } value ? new Dictionary<string, object> { ["nonce"] = value } : null;
        var idToken = Token(SignInTenant, SignInRoles, audience: ClientId, extraClaims: nonce);
        var accessToken = Token(SignInTenant, SignInRoles);
        return Results.Json(new { access_token = accessToken, id_token = idToken, token_type = "Bearer", expires_in = 3600 });
    }
}
