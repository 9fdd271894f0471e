using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Client;
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
        var document = new TextDocument("Idempotent uploads create one document only.", Collection: collection);

        var first = await fixture.Api.UploadAsync(document, idempotencyKey: key);
        var second = await fixture.Api.UploadAsync(document, idempotencyKey: key);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, (await fixture.Api.ListDocumentsAsync(collection: collection)).Total);
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
        var original = await fixture.Api.UploadAsync(new TextDocument(content, Collection: collection));
        var originalDocument = await fixture.Api.WaitForStatusAsync(original.Id, DocumentStatuses.Indexed);
        var callsBefore = fixture.Embeddings.Calls;

        var copy = await fixture.Api.UploadAsync(new TextDocument(content, Collection: collection));
        var copyDocument = await fixture.Api.WaitForStatusAsync(copy.Id, DocumentStatuses.Indexed);

        Assert.Equal(callsBefore, fixture.Embeddings.Calls);
        Assert.Equal(originalDocument.ChunkCount, copyDocument.ChunkCount);
        var hits = await fixture.Api.SearchUntilFoundAsync("copper pipes soldering lead-free", copy.Id, TimeSpan.FromSeconds(2), collection);
        Assert.Contains(hits, h => h.DocumentId == copy.Id);
    }

    [Fact]
    public async Task TransientEmbeddingFailureIsRetriedAndThenSucceeds()
    {
        fixture.Embeddings.FailNext(1, onlyWhenContaining: "Transient faults are retried");
        var id = $"transient-{Guid.NewGuid():N}";

        await fixture.Api.UploadAsync(new TextDocument("Transient faults are retried with exponential backoff.", Id: id));

        var document = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        Assert.Equal(2, document.Attempts);
    }

    [Fact]
    public async Task DocumentFailsVisiblyAfterItsAttemptsAndCanBeRetried()
    {
        fixture.Embeddings.FailNext(1_000);
        var id = $"exhausted-{Guid.NewGuid():N}";
        try
        {
            await fixture.Api.UploadAsync(new TextDocument("This document meets a provider outage.", Id: id));
            var failed = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Failed);
            Assert.Contains("Gave up after 3 attempts", failed.Error);
            Assert.Contains("unreachable", failed.Error);
        }
        finally
        {
            fixture.Embeddings.FailNext(0);
        }

        var retry = await fixture.Api.RetryAsync(id);

        Assert.Equal(DocumentStatuses.Queued, retry.Status);
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        var again = await Assert.ThrowsAsync<RagPlatformApiException>(() => fixture.Api.RetryAsync(id));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }

    [Fact]
    public async Task ReplaceIsAtomicForConcurrentSearches()
    {
        var id = $"replace-{Guid.NewGuid():N}";
        static string Version(int n) => string.Join("\n\n", Enumerable.Range(0, 6).Select(i =>
            $"Zeppelin hangar note {i}: revision{n} describes gas cell {i} maintenance for airship revision{n}."));
        await fixture.Api.UploadAsync(new TextDocument(Version(1), Id: id));
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        await fixture.Api.SearchUntilFirstAsync("zeppelin hangar gas cell", id, TimeSpan.FromSeconds(2));

        using var stop = new CancellationTokenSource();
        var observed = new List<string>();
        var searcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var hits = (await fixture.Api.SearchAsync($"zeppelin hangar gas cell {Guid.NewGuid():N}", topK: 20))
                    .Where(h => h.DocumentId == id).Select(h => h.Text).ToList();
                var versions = hits.Select(t => t.Contains("revision1") ? "old" : t.Contains("revision2") ? "new" : "?").Distinct().ToList();
                lock (observed)
                {
                    observed.Add(versions.Count == 0 ? "neither" : string.Join("+", versions.Order()));
                }
            }
        });

        var put = await fixture.Api.ReplaceAsync(id, new TextDocument(Version(2)));
        Assert.Equal(DocumentStatuses.Queued, put.Status);
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        await fixture.Api.SearchUntilFirstAsync("zeppelin revision2", id, TimeSpan.FromSeconds(2));
        // Real time: the concurrent searcher keeps reading the live index a moment past the switch.
        await Task.Delay(200);
        await stop.CancelAsync();
        await searcher;

        Assert.All(observed, o => Assert.True(o is "old" or "new", $"a search saw '{o}'"));
        Assert.Contains("new", observed);
        Assert.Equal(2, (await fixture.Api.GetDocumentAsync(id)).Version);
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(string key, object body, string path = "/api/v1/documents")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return fixture.Client.SendAsync(request);
    }
}
