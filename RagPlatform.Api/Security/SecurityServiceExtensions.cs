using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using RagPlatform.Core.ApiKeys;

namespace RagPlatform.Api.Security;

public static class SecurityServiceExtensions
{
    /// <summary>The default scheme: an X-Api-Key header selects API-key authentication, anything else a JWT bearer scheme (SelectScheme).</summary>
    public const string BearerOrApiKey = "BearerOrApiKey";

    /// <summary>JWT bearer (the API's own HS256 tokens and, when configured, the identity provider's) and API-key authentication, one policy per role, and ProblemDetails for 401 and 403.</summary>
    public static IHostApplicationBuilder AddRagSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<ApiKeyCache>();
        builder.Services.AddSingleton<JwtTokenIssuer>();
        builder.Services.AddSingleton<ServiceTokenFilter>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        var authentication = builder.Services.AddAuthentication(BearerOrApiKey)
            .AddJwtBearer(jwt => jwt.MapInboundClaims = false)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(BearerOrApiKey, "JWT bearer or API key", policy => policy.ForwardDefaultSelector = SelectScheme);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value.Jwt));
        builder.AddOidcScheme(authentication);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, policy => policy.RequireRole(Roles.Reader, Roles.Writer, Roles.Admin))
            .AddPolicy(Policies.Write, policy => policy.RequireRole(Roles.Writer, Roles.Admin))
            .AddPolicy(Policies.Administer, policy => policy.RequireRole(Roles.Admin));
        return builder;
    }

    private static void Configure(JwtBearerOptions jwt, JwtOptions options)
    {
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey!)),
            // Only the algorithm the key is for: a token cannot pick a weaker one (or "none").
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = options.ClockSkew,
            NameClaimType = RagClaims.Subject,
            RoleClaimType = RagClaims.Role,
        };
        jwt.Events = BearerTokenEvents.Create("HS256");
    }

    /// <summary>
    /// X-Api-Key selects API-key authentication; a bearer token from any issuer but the API's own goes to the identity
    /// provider's scheme when one is configured (which refuses an unknown issuer), everything else to the HS256 scheme.
    /// The issuer is read unverified only to choose: the chosen scheme verifies everything.
    /// </summary>
    private static string SelectScheme(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }
        var auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        return auth.Oidc.IsConfigured && OidcAuthentication.UnverifiedIssuer(context.Request) is { } issuer && issuer != auth.Jwt.Issuer
            ? OidcAuthentication.SchemeName
            : JwtBearerDefaults.AuthenticationScheme;
    }
}
