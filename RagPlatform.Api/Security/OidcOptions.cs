using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Api.Security;

/// <summary>
/// The organisation's OpenID Connect identity provider (section <c>Auth:Oidc</c>): tokens it signs (RS256, ES256...)
/// are accepted beside the API's own HS256 tokens. Off while <see cref="Authority"/> is empty.
/// </summary>
public sealed class OidcOptions
{
    /// <summary>The issuer's URL; its metadata is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>What the tokens' <c>aud</c> must say: the API's application id or client id at the provider.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim holding the caller's tenant (Entra ID: <c>tid</c>); a token without it is tenant <c>default</c>.</summary>
    [Required]
    public string TenantClaim { get; set; } = RagClaims.Tenant;

    /// <summary>
    /// The claim holding the caller's roles (<c>reader</c>, <c>writer</c>, <c>admin</c>): Entra ID's app roles are
    /// <c>roles</c>; a dotted path reads into a JSON claim (Keycloak's realm roles: <c>realm_access.roles</c>).
    /// </summary>
    [Required]
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Refuse a metadata address that is not HTTPS (only a test issuer on loopback turns this off).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Least time between two fetches of the issuer's keys caused by a token signed with a key the API has not seen
    /// (a rotation). The library's own default; it allows no less than a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the metadata and keys are fetched again regardless (the library allows no less than 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan AutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
