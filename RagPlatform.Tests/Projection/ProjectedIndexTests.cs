using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Bench.Client;
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

    [Fact]
    public Task ADocumentReportedIndexedIsFoundByTheSameInstanceAtOnce() => ReadYourWriteScenarios.IndexedMeansFoundAsync(Client);

    [Fact]
    public Task EveryDocumentReportedIndexedIsFoundOnTheVeryNextSearchInThirtyUploads() =>
        ReadYourWriteScenarios.IndexedMeansFoundEveryTimeAsync(Client, 30);

    [Fact]
    public Task ADeleteAnswered204IsNotFoundByTheAnsweringInstance() => ReadYourWriteScenarios.DeleteAnswered204IsNotFoundAsync(Client);

    [Fact]
    public async Task ADeleteTheIndexHasNotAppliedWithinTheTimeoutIsAnswered202WithThePendingChange()
    {
        var id = $"pending-{Guid.NewGuid():N}";
        var word = ReadYourWriteScenarios.Word();
        await new RagApiClient(Client).UploadAsync(ReadYourWriteScenarios.Document(id, word));
        await new RagApiClient(Client).WaitForStatusAsync(id, "indexed");
        fixture.Index.Pause();
        try
        {
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
            Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/v1/documents/{id}")).StatusCode);
        }
        finally
        {
            fixture.Index.Resume();
        }
        var after = await new RagApiClient(Client).SearchUntilAsync($"harbour master {word}", hits => hits.All(h => RagApiClient.DocumentIdOf(h) != id), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(after, h => RagApiClient.DocumentIdOf(h) == id);
    }

    [Fact]
    public async Task ADocumentIndexedWhileTheIndexLagsIsReportedNotYetSearchableUntilItIsApplied()
    {
        var id = $"lagging-{Guid.NewGuid():N}";
        var word = ReadYourWriteScenarios.Word();
        fixture.Index.Pause();
        try
        {
            await new RagApiClient(Client).UploadAsync(ReadYourWriteScenarios.Document(id, word));
            var lagging = await CommittedAsync(id);

            // The worker has committed it, but this instance's index has not applied it: not "indexed" here yet.
            Assert.Equal("processing", lagging.GetProperty("status").GetString());
            Assert.Equal("index", lagging.GetProperty("step").GetString());
            Assert.False(lagging.GetProperty("searchable").GetBoolean());
        }
        finally
        {
            fixture.Index.Resume();
        }
        var document = await new RagApiClient(Client).WaitForStatusAsync(id, "indexed");
        Assert.True(document.GetProperty("searchable").GetBoolean());
        Assert.Contains(await new RagApiClient(Client).SearchAsync($"harbour master {word}"), h => RagApiClient.DocumentIdOf(h) == id);
    }

    [Fact]
    public async Task ReconcileRepairsDriftInTheProjectedIndexByReplayingTheChangeLog()
    {
        var id = $"drift-{Guid.NewGuid():N}";
        var word = ReadYourWriteScenarios.Word();
        await new RagApiClient(Client).UploadAsync(ReadYourWriteScenarios.Document(id, word));
        await new RagApiClient(Client).WaitForStatusAsync(id, "indexed");
        // Drift behind the projector's back: the document's points lost, and a point PostgreSQL never had.
        await fixture.Index.Inner.DeleteDocumentAsync(TestCredentials.KeyOf(id));
        var ghostId = $"ghost-{Guid.NewGuid():N}";
        var ghost = TestCredentials.KeyOf(ghostId);
        var vector = new float[384];
        vector[0] = 1;
        await fixture.Index.Inner.UpsertDocumentAsync(ghost, [new IndexedChunk(Guid.NewGuid(), ghost, "default", "Ghost", 0,
            $"A ghost chunk about the harbour master {word}", 0, 10, vector, Tenant: TestCredentials.Tenant)]);
        var writes = fixture.Index.Writes.Count;

        var report = await (await Client.PostAsync("/api/v1/admin/reconcile", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(report.GetProperty("missingChunksRestored").GetInt32() >= 1);
        Assert.Equal(1, report.GetProperty("orphanChunksRemoved").GetInt32());
        string[] drifting = [TestCredentials.KeyOf(id), ghost];
        Assert.Equal(drifting.Order(StringComparer.Ordinal), report.GetProperty("documentsRepaired").EnumerateArray().Select(d => d.GetString()));
        // Repaired by the projector, the index's only writer, and visible when the answer comes.
        Assert.Equal(drifting.Order(StringComparer.Ordinal), fixture.Index.Writes.Skip(writes).Order(StringComparer.Ordinal));
        var hits = await new RagApiClient(Client).SearchAsync($"harbour master {word}", topK: 10);
        Assert.Equal(id, RagApiClient.DocumentIdOf(hits[0]));
        Assert.DoesNotContain(hits, h => RagApiClient.DocumentIdOf(h) == ghostId);
    }

    /// <summary>Polls until the document has a change in the log: the worker committed it as indexed.</summary>
    private async Task<System.Text.Json.JsonElement> CommittedAsync(string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var document = await new RagApiClient(Client).GetDocumentAsync(id);
            if (document.TryGetProperty("indexSequence", out var sequence) && sequence.ValueKind == System.Text.Json.JsonValueKind.Number)
            {
                return document;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the worker did not index {id} within 60 s: {document}");
            await Task.Delay(100);
        }
    }
}
