using System.Text.Json;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>PUT keeps a document's metadata unless it gives new metadata, which then replaces the whole set.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReplaceMetadataTests(ApiFixture fixture)
{
    [Fact]
    public async Task APutWithoutMetadataKeepsItAndFiltersStillFindTheNewVersion()
    {
        var id = $"keep-{Guid.NewGuid():N}";
        var collection = $"c{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument("Backups run nightly.", Id: id, Collection: collection,
            Metadata: new Dictionary<string, string> { ["team"] = "ops", ["region"] = "eu" }));
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);

        await ReplaceAsync(id, new TextDocument("Backups run hourly and are kept for ninety days."));
        var replaced = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);

        Assert.Equal(2, replaced.Version);
        Assert.Equal("""{"region":"eu","team":"ops"}""", Canonical(replaced.Metadata));
        var filter = new Dictionary<string, IReadOnlyList<string>> { ["team"] = ["ops"], ["region"] = ["eu"] };
        var hits = await fixture.Api.SearchAsync(new SearchRequest("hourly ninety days", 10, new SearchScope(collection, filter)));
        Assert.Equal([id], hits.Results.Select(hit => hit.DocumentId));
    }

    [Fact]
    public async Task APutWithMetadataReplacesTheWholeSetAndAnEmptyOneClearsIt()
    {
        var id = $"replace-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument("Version one.", Id: id,
            Metadata: new Dictionary<string, string> { ["team"] = "ops", ["region"] = "eu" }));
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);

        await ReplaceAsync(id, new TextDocument("Version two.", Metadata: new Dictionary<string, string> { ["team"] = "sre" }));
        var second = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        await ReplaceAsync(id, new TextDocument("Version three.", Metadata: new Dictionary<string, string>()));
        var third = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);

        Assert.Equal("""{"team":"sre"}""", Canonical(second.Metadata));
        Assert.Equal("{}", Canonical(third.Metadata));
    }

    private async Task ReplaceAsync(string id, TextDocument document)
    {
        var accepted = await fixture.Api.ReplaceAsync(id, document);
        // The 202 comes after the document is queued in PostgreSQL: a wait for "indexed" from here waits for the new version.
        Assert.Equal(DocumentStatuses.Queued, accepted.Status);
    }

    /// <summary>The metadata with its keys in order (PostgreSQL's jsonb keeps its own order).</summary>
    private static string Canonical(IReadOnlyDictionary<string, string> metadata) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(metadata.ToDictionary(), StringComparer.Ordinal));
}
