using System.Net;
using RagPlatform.Api.Security;
using RagPlatform.Client;
using RagPlatform.Tests.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>GET /api/v1/me: a caller learns the tenant and roles its credentials carry, however it signed in.</summary>
[Collection(ApiCollection.Name)]
public sealed class CallerTests(OidcFixture oidc) : IClassFixture<OidcFixture>
{
    private ApiFixture Fixture => oidc.Api;

    [Fact]
    public async Task AnApiTokenIsItsSubjectTenantAndRoles()
    {
        var caller = await TypedClients.WithToken(Fixture, Roles.Writer).GetCallerAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new[] { Roles.Writer }, caller.Roles);
        Assert.Equal(TestCredentials.Tenant, caller.Tenant);
        Assert.Equal("tests", caller.Subject);
        Assert.Equal("Bearer", caller.Scheme);
        Assert.Null(caller.ApiKeyId);
    }

    [Fact]
    public async Task AnApiKeyIsItsTenantAndTheRolesItWasCreatedWith()
    {
        var admin = TypedClients.WithToken(Fixture);
        var key = await admin.CreateApiKeyAsync($"caller-{Guid.NewGuid():N}", [Roles.Reader, Roles.Writer], TestContext.Current.CancellationToken);
        var withKey = TypedClients.Create(Fixture, options => options.ApiKey = key.Secret);

        var caller = await withKey.GetCallerAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new[] { Roles.Reader, Roles.Writer }, caller.Roles);
        Assert.Equal(TestCredentials.Tenant, caller.Tenant);
        Assert.Equal("ApiKey", caller.Scheme);
        Assert.Equal(key.Id.ToString(), caller.ApiKeyId);
    }

    [Fact]
    public async Task TheIdentityProvidersClaimsAreReadThroughTheConfiguredNames()
    {
        using var http = oidc.ClientWith(oidc.Issuer.Token("org-7", [Roles.Admin], extraClaims: new Dictionary<string, object> { ["role"] = Roles.Writer }));

        var caller = await new RagPlatformClient(http).GetCallerAsync(TestContext.Current.CancellationToken);

        // Tenant from "tid", roles from "roles"; the stray "role" claim grants nothing.
        Assert.Equal("org-7", caller.Tenant);
        Assert.Equal(new[] { Roles.Admin }, caller.Roles);
        Assert.Equal("Oidc", caller.Scheme);
    }

    [Fact]
    public async Task WithoutCredentialsTheAnswerIs401NamingWhy()
    {
        using var anonymous = Fixture.CreateClient(token: null);

        var refused = await Assert.ThrowsAsync<RagPlatformApiException>(() => new RagPlatformClient(anonymous).GetCallerAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.False(string.IsNullOrEmpty(refused.Detail));
    }
}
