using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// An OpenID Connect provider on a loopback port, as an organisation's identity provider looks to the API and the web app:
/// metadata at /.well-known/openid-configuration, its public keys (one RSA, one P-256) at /jwks, tokens signed RS256 or
/// ES256 with Entra-style claims (tenant in <c>tid</c>, roles in <c>roles</c>), and a sign-in for the web app
/// (authorization code + PKCE, see the other half of this class). <see cref="RotateKeys"/> replaces both keys and
/// publishes only the new ones, as a provider does once the old keys' tokens have expired.
/// </summary>
public sealed partial class TestOidcIssuer : IAsyncDisposable
{
    public const string Audience = "api://ragplatform-tests";
    public const string TenantClaim = "tid";
    public const string RoleClaim = "roles";

    private readonly WebApplication _app;
    private volatile KeyPair _keys = KeyPair.Create();
    private int _jwksRequests;

    private TestOidcIssuer(WebApplication app) => _app = app;

    /// <summary>The issuer's URL: the API's Auth:Oidc:Authority and every token's <c>iss</c>.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>How many times the keys were fetched: the API's configuration manager fetches them again on rotation.</summary>
    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<TestOidcIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var issuer = new TestOidcIssuer(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Authority,
            ["jwks_uri"] = $"{issuer.Authority}/jwks",
            ["authorization_endpoint"] = $"{issuer.Authority}/authorize",
            ["token_endpoint"] = $"{issuer.Authority}/token",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
        }));
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref issuer._jwksRequests);
            return Results.Json(new { keys = issuer._keys.Published() });
        });
        issuer.MapSignIn(app);
        await app.StartAsync();
        issuer.Authority = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return issuer;
    }

    /// <summary>
    /// <paramref name="host"/> (an API) trusting this issuer's tokens beside its own: tenant in <see cref="TenantClaim"/>,
    /// roles in <see cref="RoleClaim"/>, plain HTTP metadata, and a rotation picked up within a second instead of five minutes.
    /// </summary>
    public TestHost<ApiMarker> Trusted(TestHost<ApiMarker> host) => host
        .WithSetting("Auth:Oidc:Authority", Authority)
        .WithSetting("Auth:Oidc:Audience", Audience)
        .WithSetting("Auth:Oidc:TenantClaim", TenantClaim)
        .WithSetting("Auth:Oidc:RoleClaim", RoleClaim)
        .WithSetting("Auth:Oidc:RequireHttpsMetadata", "false")
        .WithSetting("Auth:Oidc:RefreshInterval", "00:00:01");

    /// <summary>New RSA and EC keys with new key ids; the old ones are no longer published.</summary>
    public void RotateKeys() => _keys = KeyPair.Create();

    /// <summary>
    /// A token of this issuer signed with its current key for <paramref name="algorithm"/>, or with <paramref name="key"/>
    /// (a key it never published), or claiming <paramref name="issuer"/>; expired <paramref name="expiredFor"/> ago if given.
    /// <paramref name="extraClaims"/> are added as they are (a stray <c>role</c> claim, say).
    /// </summary>
    public string Token(string? tenant, string[] roles, string algorithm = SecurityAlgorithms.RsaSha256, SecurityKey? key = null,
        string? issuer = null, string audience = Audience, TimeSpan? expiredFor = null, IDictionary<string, object>? extraClaims = null)
    {
        var now = DateTime.UtcNow - (expiredFor is { } ago ? ago + TimeSpan.FromHours(1) : TimeSpan.Zero);
        var claims = new Dictionary<string, object> { ["sub"] = "oidc-user", ["name"] = UserName, [RoleClaim] = roles };
        if (tenant is not null)
        {
            claims[TenantClaim] = tenant;
        }
        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }
        var signingKey = key ?? (algorithm == SecurityAlgorithms.EcdsaSha256 ? _keys.Ec : (SecurityKey)_keys.Rsa);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Authority,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + TimeSpan.FromHours(1),
            SigningCredentials = new SigningCredentials(signingKey, algorithm),
        });
    }

    /// <summary>A key this issuer never published, with a key id of its own.</summary>
    public static SecurityKey UnpublishedRsaKey() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = $"stranger-{Guid.NewGuid():N}" };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record KeyPair(RsaSecurityKey Rsa, ECDsaSecurityKey Ec)
    {
        public static KeyPair Create() => new(
            new RsaSecurityKey(RSA.Create(2048)) { KeyId = $"rsa-{Guid.NewGuid():N}" },
            new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = $"ec-{Guid.NewGuid():N}" });

        /// <summary>The public halves as JWKs (RFC 7517).</summary>
        public object[] Published()
        {
            var rsa = Rsa.Rsa.ExportParameters(includePrivateParameters: false);
            var ec = Ec.ECDsa.ExportParameters(includePrivateParameters: false);
            return
            [
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = Rsa.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(rsa.Modulus), ["e"] = Base64UrlEncoder.Encode(rsa.Exponent),
                },
                new Dictionary<string, string>
                {
                    ["kty"] = "EC", ["use"] = "sig", ["alg"] = "ES256", ["kid"] = Ec.KeyId, ["crv"] = "P-256",
                    ["x"] = Base64UrlEncoder.Encode(ec.Q.X), ["y"] = Base64UrlEncoder.Encode(ec.Q.Y),
                },
            ];
        }
    }
}
