using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Admission;

/// <summary>What a client sees of load shedding: past capacity a search is refused at once, the rest keeps answering.</summary>
[Collection(ApiCollection.Name)]
public sealed class LoadSheddingTests(ApiFixture fixture)
{
    private const string Hold = "holdtheline";

    [Fact]
    public async Task PastCapacityAnUncachedSearchIsRefusedWith503AndRetryAfterWhileHealthAndCachedSearchesStillAnswer()
    {
        // One search at a time and no waiting at all: a second uncached search while one runs is past capacity.
        GatedEmbeddingGenerator gate = null!;
        await using var api = await fixture.Configure(TestHost.Api())
            .WithSetting("Admission:InitialLimit", "1")
            .WithSetting("Admission:MinLimit", "1")
            .WithSetting("Admission:MaxLimit", "1")
            .WithSetting("Admission:MaxWait", "00:00:00")
            .WithServices(services => GatedEmbeddingGenerator.Wrap(services, texts => texts.Any(t => t.Contains(Hold, StringComparison.Ordinal)), created => gate = created))
            .StartAsync();
        using var client = api.CreateClient().Authorize();
        var cachedQuery = $"tidal mills on the estuary {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/rag/search", new { query = cachedQuery })).StatusCode);

        var held = client.SendAsync(Uncached($"{Hold} heron nests {Guid.NewGuid():N}"));
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            using var refused = await client.SendAsync(Uncached($"salt marsh grazing {Guid.NewGuid():N}"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "no Retry-After of at least a second");
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Contains("capacity", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("reason").GetString()));

            // Never shed: health, metrics, and a search answered from the cache.
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
            var metrics = await client.GetStringAsync("/metrics");
            Assert.Contains("rag_requests_shed_total", metrics, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/rag/search", new { query = cachedQuery })).StatusCode);
        }
        finally
        {
            gate.Release();
        }

        using var finished = await held;
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        // Its permit is back: the next uncached search runs.
        using var after = await client.SendAsync(Uncached($"reed beds {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static HttpRequestMessage Uncached(string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rag/search") { Content = JsonContent.Create(new { query }) };
        request.Headers.CacheControl = new() { NoCache = true };
        return request;
    }
}
