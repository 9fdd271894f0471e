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
    /// <summary>The default scheme: an X-Api-Key header selects API-key authentication, anything else JWT bearer.</summary>
    public const string BearerOrApiKey = "BearerOrApiKey";

    /// <summary>JWT bearer and API-key authentication, one policy per role, and ProblemDetails for 401 and 403.</summary>
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
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddHostedService<DevelopmentTokenLogger>();
        }

        builder.Services.AddAuthentication(BearerOrApiKey)
            .AddJwtBearer(jwt => jwt.MapInboundClaims = false)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(BearerOrApiKey, "JWT bearer or API key", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value.Jwt));

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
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var tenants = context.Principal!.FindAll(RagClaims.Tenant).ToList();
                if (tenants.Count > 1 || (tenants.Count == 1 && !Core.Tenancy.Tenants.IsValid(tenants[0].Value)))
                {
                    context.Fail("The token's 'tenant' claim must be one name of 1-64 letters, digits, '-', '_' or '.'.");
                }
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await AuthProblems.WriteUnauthorizedAsync(context.HttpContext, DescribeFailure(context.AuthenticateFailure), bearer: true);
            },
        };
    }

    private static string DescribeFailure(Exception? failure) => failure switch
    {
        null => "This endpoint needs a bearer token (Authorization: Bearer <JWT>) or an API key (X-Api-Key).",
        SecurityTokenExpiredException => "The bearer token has expired.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The bearer token's signature is not valid.",
        SecurityTokenInvalidIssuerException => "The bearer token's issuer is not accepted.",
        SecurityTokenInvalidAudienceException => "The bearer token's audience is not this API.",
        SecurityTokenInvalidAlgorithmException => "The bearer token's signing algorithm is not accepted (HS256 only).",
        SecurityTokenNoExpirationException => "The bearer token has no expiry.",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet.",
        AuthenticationFailureException or SecurityTokenValidationException => $"The bearer token is not valid: {failure.Message}",
        _ => "The bearer token is not valid: it is not a well-formed JWT.",
    };
}
