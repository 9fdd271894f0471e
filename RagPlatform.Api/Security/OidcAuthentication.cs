using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RagPlatform.Api.Security;

/// <summary>
/// Tokens of the organisation's identity provider (<see cref="OidcOptions"/>): a JwtBearer scheme of its own whose keys
/// come from the issuer's metadata and JWKS through the library's configuration manager (fetched again on a key it has not
/// seen, so a rotation needs nothing from us), with the provider's tenant and role claims mapped onto the API's.
/// </summary>
public static class OidcAuthentication
{
    public const string SchemeName = "Oidc";

    /// <summary>The asymmetric algorithms identity providers sign with; never HS256, whose key would have to be shared.</summary>
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static void Configure(JwtBearerOptions jwt, OidcOptions options)
    {
        jwt.Authority = options.Authority;
        jwt.Audience = options.Audience;
        jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.RefreshInterval = options.RefreshInterval;
        jwt.AutomaticRefreshInterval = options.AutomaticRefreshInterval;
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            // Issuer and keys come from the metadata; the audience from Audience above.
            ValidAlgorithms = Algorithms,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            NameClaimType = RagClaims.Subject,
            RoleClaimType = RagClaims.Role,
        };
        jwt.Events = BearerTokenEvents.Create("RS256, ES256 and their longer variants", context => MapClaims(context, options));
        jwt.Events.OnAuthenticationFailed = context =>
        {
            // Without the metadata the library has no issuer to compare with and calls a token naming the configured
            // authority a wrong issuer; say what is wrong instead.
            if (context.Exception is SecurityTokenInvalidIssuerException && UnverifiedIssuer(context.Request) is { } issuer
                && string.Equals(issuer.TrimEnd('/'), options.Authority!.TrimEnd('/'), StringComparison.Ordinal))
            {
                context.Exception = new IdentityProviderUnavailableException(options.Authority, context.Exception);
            }
            return Task.CompletedTask;
        };
    }

    /// <summary>The <c>iss</c> of the request's bearer token, read without checking anything: only to choose or explain, never to trust.</summary>
    public static string? UnverifiedIssuer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        return Handler.CanReadToken(token) ? Handler.ReadJsonWebToken(token).Issuer : null;
    }

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>
    /// The caller as the API reads it: the provider's tenant and role claims under the names of <see cref="RagClaims"/>.
    /// Claims already named <c>tenant</c> or <c>role</c> are dropped unless they are the mapped ones, so a provider's
    /// unrelated claim of that name grants nothing.
    /// </summary>
    private static void MapClaims(TokenValidatedContext context, OidcOptions options)
    {
        var token = context.Principal!;
        var claims = token.Claims.Where(claim => claim.Type is not (RagClaims.Tenant or RagClaims.Role)).ToList();
        claims.AddRange(Values(token, options.TenantClaim).Select(value => new Claim(RagClaims.Tenant, value)));
        claims.AddRange(Values(token, options.RoleClaim).Select(value => new Claim(RagClaims.Role, value)));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, RagClaims.Subject, RagClaims.Role));
    }

    /// <summary>
    /// The values at <paramref name="path"/>: a claim's values (an array becomes one claim per element), or, for a dotted
    /// path, the string or strings inside a JSON claim (<c>realm_access.roles</c>).
    /// </summary>
    public static IEnumerable<string> Values(ClaimsPrincipal principal, string path)
    {
        var direct = principal.FindAll(path).Select(claim => claim.Value).ToList();
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (direct.Count > 0 || dot < 0)
        {
            return direct;
        }

        var values = new List<string>();
        foreach (var claim in principal.FindAll(path[..dot]))
        {
            try
            {
                using var json = JsonDocument.Parse(claim.Value);
                var element = json.RootElement;
                foreach (var segment in path[(dot + 1)..].Split('.'))
                {
                    if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
                    {
                        element = default;
                        break;
                    }
                }
                if (element.ValueKind == JsonValueKind.String)
                {
                    values.Add(element.GetString()!);
                }
                else if (element.ValueKind == JsonValueKind.Array)
                {
                    values.AddRange(element.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!));
                }
            }
            catch (JsonException)
            {
                // Not JSON: the path names nothing in this claim.
            }
        }
        return values;
    }

    /// <summary>Registers the scheme when Auth:Oidc:Authority is set.</summary>
    public static void AddOidcScheme(this IHostApplicationBuilder builder, Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{AuthOptions.SectionName}:Oidc:Authority"]))
        {
            return;
        }
        authentication.AddJwtBearer(SchemeName, _ => { });
        builder.Services.AddOptions<JwtBearerOptions>(SchemeName)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value.Oidc));
    }
}
