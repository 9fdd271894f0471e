using System.Security.Claims;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Api.Security;

/// <summary>The claims the API reads, by their JWT names (inbound claim mapping is off).</summary>
public static class RagClaims
{
    public const string Subject = "sub";
    public const string Tenant = "tenant";
    public const string Role = "role";

    /// <summary>Set for callers that presented an API key: rate limits and logs tell keys apart by it.</summary>
    public const string ApiKeyId = "api_key_id";
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>
    /// The caller's tenant: the <c>tenant</c> claim, else <see cref="Tenants.Default"/>. Authentication has
    /// already refused a token whose tenant is malformed, so the value is safe to put in a document key.
    /// </summary>
    public static string GetTenant(this ClaimsPrincipal user) => user.FindFirstValue(RagClaims.Tenant) ?? Tenants.Default;
}

/// <summary>Roles are cumulative: a writer may read, an admin may do everything.</summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Writer = "writer";
    public const string Admin = "admin";

    public static readonly string[] All = [Reader, Writer, Admin];
}

/// <summary>Authorization policy names, one per role.</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Administer = "administer";
}
