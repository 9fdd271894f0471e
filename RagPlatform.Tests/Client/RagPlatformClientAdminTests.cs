using System.Net;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Client;

/// <summary>The typed client's admin methods, and API-key credentials from creation to revocation.</summary>
[Collection(ApiCollection.Name)]
public sealed class RagPlatformClientAdminTests(ApiFixture fixture)
{
    [Fact]
    public async Task AnApiKeyCreatedThroughTheClientSignsAnotherClientInUntilItIsRevoked()
    {
        var admin = TypedClients.WithToken(fixture);
        var cancellationToken = TestContext.Current.CancellationToken;
        var name = $"indexer-{Guid.NewGuid():N}";

        var key = await admin.CreateApiKeyAsync(name, [RagRoles.Reader], cancellationToken);
        var withKey = TypedClients.Create(fixture, options => options.ApiKey = key.Secret);
        var page = await withKey.ListDocumentsAsync(pageSize: 1, cancellationToken: cancellationToken);
        var listed = (await admin.ListApiKeysAsync(cancellationToken)).Single(k => k.Id == key.Id);
        await admin.RevokeApiKeyAsync(key.Id, cancellationToken);
        var refused = await Assert.ThrowsAsync<RagPlatformApiException>(() => withKey.ListDocumentsAsync(cancellationToken: cancellationToken));

        Assert.True(page.Total >= 0);
        Assert.Equal(name, listed.Name);
        Assert.Equal([RagRoles.Reader], listed.Roles);
        Assert.Null(listed.RevokedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Contains("unknown or revoked", refused.Detail);
    }

    [Fact]
    public async Task ReconcileThroughTheClientReportsTheIndexAgreeingWithTheDatabase()
    {
        var admin = TypedClients.WithToken(fixture);

        var report = await admin.ReconcileAsync(TestContext.Current.CancellationToken);

        Assert.Equal(report.ChunksInDatabase, report.ChunksInIndex);
    }

    [Fact]
    public async Task AdminCallsWithoutTheServiceTokenAreRefused()
    {
        var withoutServiceToken = TypedClients.Create(fixture, options =>
            options.TokenProvider = (_, _) => ValueTask.FromResult<string?>(TestCredentials.Token()));

        var refused = await Assert.ThrowsAsync<RagPlatformApiException>(() => withoutServiceToken.ListBackupsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("X-Service-Token", refused.Detail);
    }
}
