using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Bench.Client;
using RagPlatform.Core.Indexing;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>Drift between PostgreSQL and the index is found, repaired and reported.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReconcileTests(ApiFixture fixture)
{
    [Fact]
    public async Task ReconcileRestoresMissingChunksRemovesOrphansAndReportsThem()
    {
        var id = $"drift-{Guid.NewGuid():N}";
        await fixture.BenchApi.UploadAsync(new { id, content = "The lighthouse keeper logs the fog signal hours." });
        await fixture.BenchApi.WaitForStatusAsync(id, "indexed");
        await fixture.BenchApi.SearchUntilFirstAsync("lighthouse keeper fog signal hours", id, TimeSpan.FromSeconds(2));
        var index = fixture.ApiServices.GetRequiredService<ISearchIndex>();
        // Drift: a document's chunks lost from the index, and a chunk PostgreSQL never had.
        await index.DeleteDocumentAsync(TestCredentials.KeyOf(id));
        var ghost = $"ghost-{Guid.NewGuid():N}";
        var ghostKey = TestCredentials.KeyOf(ghost);
        await index.UpsertDocumentAsync(ghostKey, [new IndexedChunk(Guid.NewGuid(), ghostKey, "default", "Ghost", 0,
            "A ghost chunk about the lighthouse keeper", 0, 10, Normalized(384), Tenant: TestCredentials.Tenant)]);

        var report = await (await fixture.Client.PostAsync("/api/v1/admin/reconcile", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(report.GetProperty("missingChunksRestored").GetInt32() >= 1);
        Assert.True(report.GetProperty("orphanChunksRemoved").GetInt32() >= 1);
        // An operator's report: documents by storage key, tenant included.
        var repaired = report.GetProperty("documentsRepaired").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Contains(TestCredentials.KeyOf(id), repaired);
        Assert.Contains(ghostKey, repaired);
        var hits = await fixture.BenchApi.SearchAsync($"lighthouse keeper fog signal hours {Guid.NewGuid():N}", topK: 10);
        Assert.Equal(id, RagApiClient.DocumentIdOf(hits[0]));
        Assert.DoesNotContain(hits, h => RagApiClient.DocumentIdOf(h) == ghost);

        var again = await (await fixture.Client.PostAsync("/api/v1/admin/reconcile", null)).Content.ReadFromJsonAsync<JsonElement>();
        // Repaired for good: a second pass finds nothing more to do for them (other tests' documents
        // still being ingested may show up here, so only these two are checked).
        var repairedAgain = again.GetProperty("documentsRepaired").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.DoesNotContain(TestCredentials.KeyOf(id), repairedAgain);
        Assert.DoesNotContain(ghostKey, repairedAgain);
    }

    private static float[] Normalized(int dimension)
    {
        var vector = new float[dimension];
        vector[0] = 1;
        return vector;
    }
}
