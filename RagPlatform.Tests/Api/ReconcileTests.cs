using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Client;
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
        await fixture.Api.UploadAsync(new TextDocument("The lighthouse keeper logs the fog signal hours.", Id: id));
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        await fixture.Api.SearchUntilFirstAsync("lighthouse keeper fog signal hours", id, TimeSpan.FromSeconds(2));
        var index = fixture.ApiServices.GetRequiredService<ISearchIndex>();
        // Drift: a document's chunks lost from the index, and a chunk PostgreSQL never had.
        await index.DeleteDocumentAsync(TestCredentials.KeyOf(id));
        var ghost = $"ghost-{Guid.NewGuid():N}";
        var ghostKey = TestCredentials.KeyOf(ghost);
        await index.UpsertDocumentAsync(ghostKey, [new IndexedChunk(Guid.NewGuid(), ghostKey, "default", "Ghost", 0,
            "A ghost chunk about the lighthouse keeper", 0, 10, Normalized(384), Tenant: TestCredentials.Tenant)]);

        var report = await fixture.Api.ReconcileAsync();

        Assert.True(report.MissingChunksRestored >= 1);
        Assert.True(report.OrphanChunksRemoved >= 1);
        // An operator's report: documents by storage key, tenant included.
        Assert.Contains(TestCredentials.KeyOf(id), report.DocumentsRepaired);
        Assert.Contains(ghostKey, report.DocumentsRepaired);
        var hits = await fixture.Api.SearchAsync($"lighthouse keeper fog signal hours {Guid.NewGuid():N}", topK: 10);
        Assert.Equal(id, hits[0].DocumentId);
        Assert.DoesNotContain(hits, h => h.DocumentId == ghost);

        var again = await fixture.Api.ReconcileAsync();
        // Repaired for good: a second pass finds nothing more to do for them (other tests' documents
        // still being ingested may show up here, so only these two are checked).
        var repairedAgain = again.DocumentsRepaired;
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
