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
        var id = $"preflight-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument("Tide tables give the times of high and low water at a harbour.", Id: id, Collection: collection));
        await fixture.Api.WaitForStatusAsync(id, "indexed");
        using var http = fixture.CreateClient(token: null);

        Assert.False(await Requests(collection, TestCredentials.Token()).SearchesFindNothingAsync(http, CancellationToken.None));
        Assert.True(await Requests($"{collection}-none", TestCredentials.Token()).SearchesFindNothingAsync(http, CancellationToken.None));
        // The same collection seen by another tenant holds nothing either.
        Assert.True(await Requests(collection, TestCredentials.Token(tenant: "elsewhere")).SearchesFindNothingAsync(http, CancellationToken.None));
    }

    private static LoadRequests Requests(string collection, string token)
    {
        Assert.True(LoadMix.TryParse("search=100", out var mix, out _));
        var plan = new LoadPlan(1, TimeSpan.FromSeconds(1), TimeSpan.Zero, mix, ["high and low water tide tables"], collection, "uploads", 10, false,
            TimeSpan.FromSeconds(30));
        return new LoadRequests(plan, Credentials.Bearer(token));
    }
}
