using System.ComponentModel.DataAnnotations;
using System.Text;

namespace RagPlatform.Api.Security;

/// <summary>
/// Who may call the API (section <c>Auth</c>): JWTs signed with <see cref="JwtOptions.SigningKey"/> (HS256), API keys
/// created through the admin API, and <see cref="ServiceToken"/> for service-to-service and admin calls.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    [Required]
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>The organisation's identity provider, when one is configured (Auth:Oidc:Authority).</summary>
    [Required]
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>The shared secret of X-Service-Token; at least 32 characters.</summary>
    [Required(ErrorMessage = "Auth:ServiceToken is required (the AppHost passes its 'service-token' parameter).")]
    [MinLength(32, ErrorMessage = "Auth:ServiceToken must be at least 32 characters.")]
    public string? ServiceToken { get; set; }

    /// <summary>How long a validated API key is trusted before it is looked up again (a revocation takes this long at most).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Jwt.SigningKey is null || Encoding.UTF8.GetByteCount(Jwt.SigningKey) < JwtOptions.MinimumKeyBytes)
        {
            yield return new ValidationResult(
                $"Auth:Jwt:SigningKey is required and must be at least {JwtOptions.MinimumKeyBytes} bytes (HS256); the AppHost passes its 'jwt-signing-key' parameter.",
                ["Jwt.SigningKey"]);
        }
        // ValidateDataAnnotations does not descend into nested options.
        var oidcErrors = new List<ValidationResult>();
        Validator.TryValidateObject(Oidc, new ValidationContext(Oidc), oidcErrors, validateAllProperties: true);
        foreach (var error in oidcErrors)
        {
            yield return new ValidationResult($"Auth:Oidc: {error.ErrorMessage}", error.MemberNames.Select(name => $"Oidc.{name}"));
        }
        if (Oidc.IsConfigured && string.IsNullOrWhiteSpace(Oidc.Audience))
        {
            yield return new ValidationResult(
                "Auth:Oidc:Audience is required with Auth:Oidc:Authority: the API's application (client) id at the identity provider.",
                ["Oidc.Audience"]);
        }
    }
}

public sealed class JwtOptions
{
    public const int MinimumKeyBytes = 32;

    [Required]
    public string Issuer { get; set; } = "ragplatform";

    [Required]
    public string Audience { get; set; } = "ragplatform-api";

    /// <summary>Symmetric HS256 key as UTF-8 text.</summary>
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
