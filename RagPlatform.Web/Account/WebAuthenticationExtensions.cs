using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace RagPlatform.Web.Account;

public static class WebAuthenticationExtensions
{
    /// <summary>
    /// A sign-in cookie, issued by the sign-in page (development credentials or an API key) or, when Web:Oidc is
    /// configured, after the organisation's identity provider signs the user in (authorization code + PKCE).
    /// </summary>
    public static IHostApplicationBuilder AddWebAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebAuthOptions>().BindConfiguration(WebAuthOptions.SectionName);
        var options = builder.Configuration.GetSection(WebAuthOptions.SectionName).Get<WebAuthOptions>() ?? new WebAuthOptions();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DevelopmentTokens>();

        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/signin";
                cookie.LogoutPath = "/account/signout";
                cookie.AccessDeniedPath = "/signin";
                cookie.Cookie.Name = "ragplatform.web";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                // The API token inside lives 12 hours at most (development) or as the identity provider says.
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = false;
            });
        if (options.Oidc.IsConfigured)
        {
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, options.Oidc.DisplayName, oidc => Configure(oidc, options.Oidc));
        }
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    private static void Configure(OpenIdConnectOptions oidc, OidcOptions settings)
    {
        oidc.Authority = settings.Authority;
        oidc.ClientId = settings.ClientId;
        oidc.ClientSecret = settings.ClientSecret;
        oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;
        oidc.SaveTokens = false;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        foreach (var scope in (settings.Scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            oidc.Scope.Add(scope);
        }
        oidc.TokenValidationParameters = new TokenValidationParameters { NameClaimType = "name", RoleClaimType = settings.RoleClaim };
        oidc.Events = new OpenIdConnectEvents
        {
            // The cookie keeps what the pages need: the user's name, roles and tenant under this app's claim names, and the
            // access token the API is called with.
            OnTokenValidated = context =>
            {
                var principal = context.Principal!;
                var name = principal.FindFirst("name")?.Value ?? principal.FindFirst("preferred_username")?.Value ?? principal.FindFirst("sub")?.Value ?? "user";
                var roles = principal.FindAll(settings.RoleClaim).Select(claim => claim.Value);
                var tenant = principal.FindFirst(settings.TenantClaim)?.Value;
                context.Principal = WebClaims.Create(name, tenant, roles, accessToken: context.TokenEndpointResponse?.AccessToken);
                // The sign-in lasts as long as the access token it carries: past that the API would refuse every call.
                if (int.TryParse(context.TokenEndpointResponse?.ExpiresIn, out var seconds))
                {
                    context.Properties!.ExpiresUtc = DateTimeOffset.UtcNow.AddSeconds(seconds);
                }
                return Task.CompletedTask;
            },
        };
    }
}
