using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Client;
using RagPlatform.Core.Indexing;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Projection;

/// <summary>
/// With Qdrant (an in-process stand-in) written only by the worker's projector: the API's answers stay honest about
/// what its searches reflect, and reconciliation repairs drift by replaying the change log.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProjectedIndexTests(ProjectedIndexFixture fixture) : IClassFixture<ProjectedIndexFixture>
{
    private HttpClient Client => fixture.Client;

    private RagPlatformClient Api => fixture.Api;

    [Fact]
    public Task ADocumentReportedIndexedIsFoundByTheSameInstanceAtOnce() => ReadYourWriteScenarios.IndexedMeansFoundAsync(Api);

    [Fact]
    public Task EveryDocumentReportedIndexedIsFoundOnTheVeryNextSearchInThirtyUploads() =>
        ReadYourWriteScenarios.IndexedMeansFoundEveryTimeAsync(Api, 30);

    [Fact]
    public Task ADeleteAnswered204IsNotFoundByTheAnsweringInstance() => ReadYourWriteScenarios.DeleteAnswered204IsNotFoundAsync(Api);

    [Fact]
    public async Task ADeleteTheIndexHasNotAppliedWithinTheTimeoutIsAnswered202WithThePendingChange()
    {
        var id = $"pending-{Guid.NewGuid():N}";
        var word = ReadYourWriteScenarios.Word();
        await Api.UploadAsync(ReadYourWriteScenarios.Document(id, word));
        await Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        fixture.Index.Pause();
        try
        {
            // Raw HTTP: the 202 and its body (the pending change) are what this test is about.
            var stopwatch = Stopwatch.StartNew();
            var deleted = await Client.DeleteAsync($"/api/v1/documents/{id}");

            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
            Assert.True(stopwatch.Elapsed >= ProjectedIndexFixture.ReadYourWriteTimeout - TimeSpan.FromMilliseconds(100));
            var body = await deleted.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(id, body.GetProperty("id").GetString());
            Assert.Equal("deleted", body.GetProperty("status").GetString());
            Assert.False(body.GetProperty("removedFromSearch").GetBoolean());
            Assert.True(body.GetProperty("indexSequence").GetInt64() > 0);
            // Deleted for good at once; only its removal from search waits for the index.
            Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<RagPlatformApiException>(() => Api.GetDocumentAsync(id))).Status);
        }
        finally
        {
            fixture.Index.Resume();
        }
        var after = await Api.SearchUntilAsync($"harbour master {word}", hits => hits.All(h => h.DocumentId != id), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(after, h => h.DocumentId == id);
    }

    [Fact]
    public async Task ADocumentIndexedWhileTheIndexLagsIsReportedNotYetSearchableUntilItIsApplied()
    {
        var id = $"lagging-{Guid.NewGuid():N}";
        var word = ReadYourWriteScenarios.Word();
        fixture.Index.Pause();
        try
        {
            await Api.UploadAsync(ReadYourWriteScenarios.Document(id, word));
            var lagging = await CommittedAsync(id);

            // The worker has committed it, but this instance's index has not applied it: not "indexed" here yet.
            Assert.Equal(DocumentStatuses.Processing, lagging.Status);
            Assert.Equal("index", lagging.Step);
            Assert.False(lagging.Searchable);
        }
        finally
        {
            fixture.Index.Resume();
        }
        var document = await Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        Assert.True(document.Searchable);
        Assert.Contains(await Api.SearchAsync($"harbour master {word}"), h => h.DocumentId == id);
    }

    [Fact]
    public async Task ReconcileRepairsDriftInTheProjectedIndexByReplayingTheChangeLog()
    {
        var id = $"drift-{Guid.NewGuid():N}";
        var word = ReadYourWriteScenarios.Word();
        await Api.UploadAsync(ReadYourWriteScenarios.Document(id, word));
        await Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        // Drift behind the projector's back: the document's points lost, and a point PostgreSQL never had.
        await fixture.Index.Inner.DeleteDocumentAsync(TestCredentials.KeyOf(id));
        var ghostId = $"ghost-{Guid.NewGuid():N}";
        var ghost = TestCredentials.KeyOf(ghostId);
        var vector = new float[384];
        vector[0] = 1;
        await fixture.Index.Inner.UpsertDocumentAsync(ghost, [new IndexedChunk(Guid.NewGuid(), ghost, "default", "Ghost", 0,
            $"A ghost chunk about the harbour master {word}", 0, 10, vector, Tenant: TestCredentials.Tenant)]);
        var writes = fixture.Index.Writes.Count;

        var report = await Api.ReconcileAsync();

        Assert.True(report.MissingChunksRestored >= 1);
        Assert.Equal(1, report.OrphanChunksRemoved);
        string[] drifting = [TestCredentials.KeyOf(id), ghost];
        Assert.Equal(drifting.Order(StringComparer.Ordinal), report.DocumentsRepaired);
        // Repaired by the projector, the index's only writer, and visible when the answer comes.
        Assert.Equal(drifting.Order(StringComparer.Ordinal), fixture.Index.Writes.Skip(writes).Order(StringComparer.Ordinal));
        var hits = await Api.SearchAsync($"harbour master {word}", topK: 10);
        Assert.Equal(id, hits[0].DocumentId);
        Assert.DoesNotContain(hits, h => h.DocumentId == ghostId);
    }

    /// <summary>Polls until the document has a change in the log: the worker committed it as indexed.</summary>
    private async Task<Document> CommittedAsync(string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var document = await Api.GetDocumentAsync(id);
            if (document.IndexSequence is not null)
            {
                return document;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the worker did not index {id} within 60 s: {document}");
            await Task.Delay(100);
        }
    }
}
