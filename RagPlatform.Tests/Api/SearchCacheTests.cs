using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Api.Search;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;
using StackExchange.Redis;

namespace RagPlatform.Tests.Api;

/// <summary>The Redis search cache against a real redis-server: never stale, never required.</summary>
[Collection(ApiCollection.Name)]
public sealed class SearchCacheTests(ApiFixture fixture)
{
    [Fact]
    public async Task CachedSearchNeverReturnsADeletedDocument()
    {
        // Another test of this collection may just have stopped Redis: start once the caches answer again.
        await fixture.Api.WaitUntilNothingIsDegradedAsync();
        var id = $"cache-{Guid.NewGuid():N}";
        const string query = "quartz tuning forks oscillate at 32768 hertz";
        await fixture.Api.UploadAsync(new TextDocument("Watch movements use quartz tuning forks that oscillate at 32768 hertz.", Id: id));
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        var first = await fixture.Api.SearchUntilFirstAsync(query, id, TimeSpan.FromSeconds(2));
        Assert.Equal(id, first[0].DocumentId);
        var second = await fixture.Api.SearchAsync(query);
        Assert.Equal(id, second[0].DocumentId);
        // The result is written to Redis fire-and-forget: wait for it to land rather than race it.
        Assert.True(await CachedSearchWithinAsync(TimeSpan.FromSeconds(5)), "the search was not cached");

        Assert.True((await fixture.Api.DeleteAsync(id)).RemovedFromSearch);

        var afterDelete = await fixture.Api.SearchAsync(query);
        Assert.DoesNotContain(afterDelete, hit => hit.DocumentId == id);
    }

    [Fact]
    public async Task ARepeatedQueryIsNotEmbeddedAgain()
    {
        // Another test of this collection may just have stopped Redis: start once the caches answer again.
        await fixture.Api.WaitUntilNothingIsDegradedAsync();
        var query = $"which tide tables cover the estuary {Guid.NewGuid():N}";
        await fixture.Api.SearchAsync(query, topK: 3);
        var callsAfterFirst = fixture.QueryEmbeddings.Calls;
        // The vector is written fire-and-forget: the next search finds it once the write has landed, not before.
        var model = QueryEmbeddingCache.ModelOf(fixture.ApiServices.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.True(await CachedWithinAsync(QueryEmbeddingCache.KeyFor(TestCredentials.Tenant, model, query)!, TimeSpan.FromSeconds(5)),
            "the first search's query vector was not cached");

        // Another topK and other spacing: the search cache misses, the embedding cache does not.
        await fixture.Api.SearchAsync($"  which tide tables   cover the estuary {query[^32..]} ", topK: 4);
        await fixture.Api.AskAsync(new AskRequest(query));

        Assert.True(callsAfterFirst > 0, "the first search embedded its query");
        Assert.Equal(callsAfterFirst, fixture.QueryEmbeddings.Calls);
    }

    [Fact]
    public async Task ASearchWithCacheControlNoCacheSkipsTheResultAndEmbeddingCaches()
    {
        var query = $"which lighthouse keepers logged the fog signal {Guid.NewGuid():N}";
        await fixture.Api.SearchAsync(query, topK: 3);
        await fixture.Api.SearchAsync(query, topK: 3);
        var callsWhenCached = fixture.QueryEmbeddings.Calls;

        // Raw HTTP: the header a caller sends is what this test is about.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rag/search")
        {
            Content = JsonContent.Create(new { query, topK = 3 }),
        };
        request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The result cache would have answered without embedding; the embedding cache would have had the vector.
        Assert.Equal(callsWhenCached + 1, fixture.QueryEmbeddings.Calls);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(System.Text.Json.JsonValueKind.Array, body.GetProperty("results").ValueKind);
    }

    [Fact]
    public async Task SearchAndAskKeepAnsweringWhileRedisIsDown()
    {
        var id = $"outage-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument("The emergency generator is tested on the first Monday of each month.", Id: id));
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        await fixture.Redis.StopAsync();
        try
        {
            var hits = await fixture.Api.SearchUntilFirstAsync("when is the emergency generator tested", id, TimeSpan.FromSeconds(2));
            Assert.Equal(id, hits[0].DocumentId);
            await fixture.Api.AskAsync(new AskRequest("When is the emergency generator tested?"));
            Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync("/health")).StatusCode);
        }
        finally
        {
            await fixture.Redis.StartAgainAsync();
        }
    }

    private async Task<bool> CachedWithinAsync(string key, TimeSpan within)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        var deadline = DateTime.UtcNow + within;
        while (!await redis.GetDatabase().KeyExistsAsync(key))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(20);
        }
        return true;
    }

    private async Task<bool> CachedSearchWithinAsync(TimeSpan within)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        var server = redis.GetServers()[0];
        var deadline = DateTime.UtcNow + within;
        while (!server.Keys(pattern: "rag:search:*").Any())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(20);
        }
        return true;
    }
}
