using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Web;

/// <summary>
/// An OpenID Connect provider in the test: discovery, an authorize endpoint that signs in one fixed user at once (the
/// login page of a real provider is not what is tested), a token endpoint that checks PKCE, and its RS256 keys. Its access
/// tokens are ones the API accepts today (HS256 with the test key): what an organisation whose tokens the API trusts issues.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "ragplatform-web";
    public const string UserName = "Ada Reader";

    private readonly RsaSecurityKey _signingKey = new(RSA.Create(2048)) { KeyId = "test-key-1" };
    private readonly ConcurrentDictionary<string, (string? Nonce, string Challenge)> _codes = new();
    private WebApplication? _app;

    public Uri Authority { get; private set; } = null!;

    /// <summary>The roles the signed-in user gets, in the provider's own claim ("roles").</summary>
    public string[] Roles { get; set; } = ["reader"];

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var provider = new TestIdentityProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/jwks", provider.Keys);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        await app.StartAsync();
        provider._app = app;
        provider.Authority = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return provider;
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{Issuer}/authorize",
        ["token_endpoint"] = $"{Issuer}/token",
        ["jwks_uri"] = $"{Issuer}/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
    });

    private string Issuer => Authority.ToString().TrimEnd('/');

    private IResult Keys()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_signingKey);
        return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
    }

    // Signs the user in at once and posts the code back (response_mode=form_post, as the client asks).
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

    private async Task<IResult> TokenAsync(HttpRequest request)
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

        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", "ada"), new("name", UserName), new("tenant", TestCredentials.Tenant) };
        if (issued.Nonce is { } nonce)
        {
            claims.Add(new Claim("nonce", nonce));
        }
        claims.AddRange(Roles.Select(role => new Claim("roles", role)));
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(_signingKey, SecurityAlgorithms.RsaSha256),
        });
        var accessToken = TestCredentials.Token(roles: Roles, subject: "ada");
        return Results.Json(new { access_token = accessToken, id_token = idToken, token_type = "Bearer", expires_in = 600 });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
