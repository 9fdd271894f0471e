using System.Security.Claims;
using RagPlatform.Api.Security;

namespace RagPlatform.Tests.Unit;

/// <summary>Role and tenant claims are found where each identity provider puts them.</summary>
public sealed class OidcClaimPathTests
{
    [Fact]
    public void AClaimNameReadsEveryValueOfThatClaim()
    {
        var user = Principal(new Claim("roles", "reader"), new Claim("roles", "writer"));

        Assert.Equal(["reader", "writer"], OidcAuthentication.Values(user, "roles"));
    }

    [Fact]
    public void ADottedPathReadsIntoAJsonClaimAsKeycloaksRealmRolesAre()
    {
        var user = Principal(new Claim("realm_access", """{"roles":["writer","offline_access"]}""", "JSON"));

        Assert.Equal(["writer", "offline_access"], OidcAuthentication.Values(user, "realm_access.roles"));
        Assert.Empty(OidcAuthentication.Values(user, "realm_access.groups"));
        Assert.Empty(OidcAuthentication.Values(user, "resource_access.roles"));
    }

    private static ClaimsPrincipal Principal(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));
}
