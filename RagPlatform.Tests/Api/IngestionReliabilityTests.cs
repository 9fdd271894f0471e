using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Bench.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>Exactly-once effects and failure handling of ingestion, through the public API.</summary>
[Collection(ApiCollection.Name)]
public sealed class IngestionReliabilityTests(ApiFixture fixture)
{
    [Fact]
    public async Task RepeatedUploadWithTheSameIdempotencyKeyGetsTheFirstResponseAndCreatesNothing()
    {
        var key = Guid.NewGuid().ToString();
        var collection = $"idem-{Guid.NewGuid():N}"[..20];
        var body = new { content = "Idempotent uploads create one document only.", collection };

        var first = await PostWithKeyAsync(key, body);
        var second = await PostWithKeyAsync(key, body);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(firstId, secondId);
        var list = await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/v1/documents?collection={collection}");
        Assert.Equal(1, list.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task ARepeatWithATrailingSlashIsTheSameRequest()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { content = "The same upload, sent once to each spelling of the route." };

        var first = await PostWithKeyAsync(key, body);
        var second = await PostWithKeyAsync(key, body, "/api/v1/documents/");

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString(),
            (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task IdempotencyKeyReusedForAnotherRequestIs422()
    {
        var key = Guid.NewGuid().ToString();
        await PostWithKeyAsync(key, new { content = "first body" });

        var reused = await PostWithKeyAsync(key, new { content = "a different body" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task IdenticalContentInTheSameCollectionIsNotEmbeddedAgain()
    {
        var collection = $"dedup-{Guid.NewGuid():N}"[..20];
        var content = $"Copper pipes are joined by soldering with lead-free solder. Marker {Guid.NewGuid():N}.";
        var original = await fixture.BenchApi.UploadAsync(new { content, collection });
        var originalDocument = await fixture.BenchApi.WaitForStatusAsync(original.GetProperty("id").GetString()!, "indexed");
        var callsBefore = fixture.Embeddings.Calls;

        var copy = await fixture.BenchApi.UploadAsync(new { content, collection });
        var copyDocument = await fixture.BenchApi.WaitForStatusAsync(copy.GetProperty("id").GetString()!, "indexed");

        Assert.Equal(callsBefore, fixture.Embeddings.Calls);
        Assert.Equal(originalDocument.GetProperty("chunkCount").GetInt32(), copyDocument.GetProperty("chunkCount").GetInt32());
        var hits = await fixture.BenchApi.SearchUntilFoundAsync(
            "copper pipes soldering lead-free", copy.GetProperty("id").GetString()!, TimeSpan.FromSeconds(2), collection);
        Assert.Contains(hits, h => RagApiClient.DocumentIdOf(h) == copy.GetProperty("id").GetString());
    }

    [Fact]
    public async Task TransientEmbeddingFailureIsRetriedAndThenSucceeds()
    {
        fixture.Embeddings.FailNext(1, onlyWhenContaining: "Transient faults are retried");
        var id = $"transient-{Guid.NewGuid():N}";

        await fixture.BenchApi.UploadAsync(new { id, content = "Transient faults are retried with exponential backoff." });

        var document = await fixture.BenchApi.WaitForStatusAsync(id, "indexed");
        Assert.Equal(2, document.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task DocumentFailsVisiblyAfterItsAttemptsAndCanBeRetried()
    {
        fixture.Embeddings.FailNext(1_000);
        var id = $"exhausted-{Guid.NewGuid():N}";
        try
        {
            await fixture.BenchApi.UploadAsync(new { id, content = "This document meets a provider outage." });
            var failed = await fixture.BenchApi.WaitForStatusAsync(id, "failed");
            Assert.Contains("Gave up after 3 attempts", failed.GetProperty("error").GetString());
            Assert.Contains("unreachable", failed.GetProperty("error").GetString());
        }
        finally
        {
            fixture.Embeddings.FailNext(0);
        }

        var retry = await fixture.Client.PostAsync($"/api/v1/documents/{id}/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await fixture.BenchApi.WaitForStatusAsync(id, "indexed");
        var again = await fixture.Client.PostAsync($"/api/v1/documents/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task ReplaceIsAtomicForConcurrentSearches()
    {
        var id = $"replace-{Guid.NewGuid():N}";
        static string Version(int n) => string.Join("\n\n", Enumerable.Range(0, 6).Select(i =>
            $"Zeppelin hangar note {i}: revision{n} describes gas cell {i} maintenance for airship revision{n}."));
        await fixture.BenchApi.UploadAsync(new { id, content = Version(1) });
        await fixture.BenchApi.WaitForStatusAsync(id, "indexed");
        await fixture.BenchApi.SearchUntilFirstAsync("zeppelin hangar gas cell", id, TimeSpan.FromSeconds(2));

        using var stop = new CancellationTokenSource();
        var observed = new List<string>();
        var searcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var hits = (await fixture.BenchApi.SearchAsync($"zeppelin hangar gas cell {Guid.NewGuid():N}", topK: 20))
                    .Where(h => RagApiClient.DocumentIdOf(h) == id).Select(h => h.GetProperty("text").GetString()!).ToList();
                var versions = hits.Select(t => t.Contains("revision1") ? "old" : t.Contains("revision2") ? "new" : "?").Distinct().ToList();
                lock (observed)
                {
                    observed.Add(versions.Count == 0 ? "neither" : string.Join("+", versions.Order()));
                }
            }
        });

        var put = await fixture.Client.PutAsJsonAsync($"/api/v1/documents/{id}", new { content = Version(2) });
        Assert.Equal(HttpStatusCode.Accepted, put.StatusCode);
        await fixture.BenchApi.WaitForStatusAsync(id, "indexed");
        await fixture.BenchApi.SearchUntilFirstAsync("zeppelin revision2", id, TimeSpan.FromSeconds(2));
        // Real time: the concurrent searcher keeps reading the live index a moment past the switch.
        await Task.Delay(200);
        await stop.CancelAsync();
        await searcher;

        Assert.All(observed, o => Assert.True(o is "old" or "new", $"a search saw '{o}'"));
        Assert.Contains("new", observed);
        var document = await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{id}");
        Assert.Equal(2, document.GetProperty("version").GetInt32());
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(string key, object body, string path = "/api/v1/documents")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return fixture.Client.SendAsync(request);
    }
}
