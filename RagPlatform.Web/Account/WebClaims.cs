using System.Security.Claims;

namespace RagPlatform.Web.Account;

/// <summary>
/// The web app's sign-in cookie carries the user's API credential (a bearer token or an API key) and what it allows; the
/// cookie is encrypted by ASP.NET Core data protection, so the browser cannot read or alter them.
/// </summary>
public static class WebClaims
{
    public const string Name = "name";
    public const string Role = "role";
    public const string Tenant = "tenant";
    public const string AccessToken = "rag_access_token";
    public const string ApiKey = "rag_api_key";

    public const string Reader = "reader";
    public const string Writer = "writer";
    public const string Admin = "admin";

    /// <summary>Roles are cumulative: a writer also reads, an admin does everything.</summary>
    public static bool CanWrite(this ClaimsPrincipal user) => user.HasClaim(Role, Writer) || user.HasClaim(Role, Admin);

    public static bool CanDelete(this ClaimsPrincipal user) => user.HasClaim(Role, Admin);

    public static ClaimsPrincipal Create(string name, string? tenant, IEnumerable<string> roles, string? accessToken = null, string? apiKey = null)
    {
        var claims = new List<Claim> { new(Name, name) };
        if (tenant is not null)
        {
            claims.Add(new Claim(Tenant, tenant));
        }
        claims.AddRange(roles.Distinct().Select(role => new Claim(Role, role)));
        if (accessToken is not null)
        {
            claims.Add(new Claim(AccessToken, accessToken));
        }
        if (apiKey is not null)
        {
            claims.Add(new Claim(ApiKey, apiKey));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "RagPlatform", Name, Role));
    }
}
