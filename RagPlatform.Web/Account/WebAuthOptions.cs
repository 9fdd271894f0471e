namespace RagPlatform.Web.Account;

/// <summary>How people sign in to the web app (section <c>Web</c>).</summary>
public sealed class WebAuthOptions
{
    public const string SectionName = "Web";

    public DevelopmentSignInOptions Development { get; set; } = new();

    public OidcOptions Oidc { get; set; } = new();
}

/// <summary>
/// One-click sign-in in the Development environment: the web app mints a token as the API's development credentials are
/// minted (HS256 with the AppHost's jwt-signing-key, which the AppHost gives both), for tenant <see cref="Tenant"/>.
/// </summary>
public sealed class DevelopmentSignInOptions
{
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "ragplatform";

    public string Audience { get; set; } = "ragplatform-api";

    public string Tenant { get; set; } = "dev";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>
/// The organisation's identity provider (authorization code + PKCE). Configured when <see cref="Authority"/> and
/// <see cref="ClientId"/> are set; the access token it issues is what the web app sends to the API.
/// </summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Space-separated scopes beyond openid and profile: the API's scope, so the access token is for the API.</summary>
    public string? Scopes { get; set; }

    /// <summary>The name shown on the sign-in button ("Sign in with Contoso").</summary>
    public string DisplayName { get; set; } = "your organisation";

    /// <summary>The claims that carry the user's roles and tenant (identity providers name them differently).</summary>
    public string RoleClaim { get; set; } = "role";

    public string TenantClaim { get; set; } = "tenant";

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
