using System.Net;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Warmup;

/// <summary>An API reports healthy only once it has warmed its search path with real searches.</summary>
[Collection(ApiCollection.Name)]
public sealed class SearchWarmupTests(ApiFixture fixture)
{
    [Fact]
    public async Task TheApiIsUnhealthyUntilItsWarmUpSearchesHaveRunThenHealthy()
    {
        var id = $"warmup-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument("High and low water at the estuary mouth, by month.", Id: id, Title: "Estuary tide tables"));
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        GatedEmbeddingGenerator gate = null!;
        await using var api = fixture.Configure(TestHost.Api())
            .WithSetting("Warmup:Enabled", "true")
            .WithSetting("Warmup:MinSearches", "100")
            .WithServices(services => GatedEmbeddingGenerator.Wrap(services, _ => true, created => gate = created))
            .Build();
        using var client = api.CreateClient();

        // The index loads, the warm-up's first search embeds its query and is held there: still unhealthy.
        using (var warming = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, warming.StatusCode);
        }
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(60));
        using (var held = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, held.StatusCode);
        }

        gate.Release();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        HttpStatusCode status;
        while ((status = (await client.GetAsync("/health")).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(gate.Calls >= 100, $"healthy after {gate.Calls} warm-up searches");
    }
}
