using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Api.Protection;

/// <summary>Section "Cors": the browser origins allowed to call the API. None by default: no cross-origin access.</summary>
public sealed class CorsSettings : IValidatableObject
{
    public const string SectionName = "Cors";

    /// <summary>Origins such as <c>https://app.example.com</c>: scheme, host and port only.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedOrigins.Length; i++)
        {
            var origin = AllowedOrigins[i];
            // A wildcard would let any site call the API with a user's key: origins are listed one by one.
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || origin.TrimEnd('/').Length != uri.GetLeftPart(UriPartial.Authority).Length)
            {
                yield return new ValidationResult(
                    $"{SectionName}:AllowedOrigins:{i} ('{origin}') must be an origin such as https://app.example.com: http or https, a host, perhaps a port, no path and no wildcard.",
                    [nameof(AllowedOrigins)]);
            }
        }
    }
}
