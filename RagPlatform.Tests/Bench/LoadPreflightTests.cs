using RagPlatform.Bench.Client;
using RagPlatform.Bench.Load;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Bench;

/// <summary>The load bench warns before a run whose searches would find nothing (a tenant or collection without the corpus).</summary>
[Collection(ApiCollection.Name)]
public sealed class LoadPreflightTests(ApiFixture fixture)
{
    [Fact]
    public async Task SearchesOfACollectionWithoutTheCorpusAreReportedAsFindingNothing()
    {
        var collection = $"preflight-{Guid.NewGuid():N}"[..24];
        using (var bench = Connect(TestCredentials.Tenant))
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            var accepted = await bench.Client.UploadAsync(new TextDocument("Tide tables give the times of high and low water at a harbour.", Collection: collection));
            Assert.Equal(DocumentStatuses.Indexed, (await bench.Client.WaitForDocumentAsync(accepted.Id, TimeSpan.FromMilliseconds(100), timeout.Token)).Status);
        }

        Assert.False(await FindsNothingAsync(collection, TestCredentials.Tenant));
        Assert.True(await FindsNothingAsync($"{collection}-none", TestCredentials.Tenant));
        // The same collection seen by another tenant holds nothing either.
        Assert.True(await FindsNothingAsync(collection, "elsewhere"));
    }

    /// <summary>The bench's own connection with tokens it mints, as `--jwt-signing-key` gives them.</summary>
    private ApiConnection Connect(string tenant) => ApiConnection.Create(new Uri("http://localhost/"),
        Credentials.Minted(new JwtMinter(TestCredentials.SigningKey, "ragplatform", "ragplatform-api", tenant, "load-bench", TimeProvider.System), TimeProvider.System),
        ConnectionLimits.For(1), fixture.CreateApiHandler);

    private async Task<bool> FindsNothingAsync(string collection, string tenant)
    {
        Assert.True(LoadMix.TryParse("search=100", out var mix, out _));
        var plan = new LoadPlan(1, TimeSpan.FromSeconds(1), TimeSpan.Zero, mix, ["high and low water tide tables"], collection, "uploads", 10, false,
            TimeSpan.FromSeconds(30));
        using var connection = Connect(tenant);
        using var http = connection.CreateHttpClient();
        return await new LoadRequests(plan).SearchesFindNothingAsync(http, CancellationToken.None);
    }
}
