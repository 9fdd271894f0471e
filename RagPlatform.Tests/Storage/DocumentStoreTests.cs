using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Storage;

/// <summary>Reads of the documents table: pages by tenant, newest first, and the reuse of identical content.</summary>
[Collection(StorageCollection.Name)]
public sealed class DocumentStoreTests(StorageFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ATenantsDocumentsArePagedNewestFirst()
    {
        var stores = await fixture.CreateStoresAsync();
        foreach (var id in new[] { "a", "b", "c" })
        {
            await stores.UploadAsync(id);
            stores.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await stores.Documents.ListAsync(Stores.Tenant, collection: null, page: 1, pageSize: 2, None);
        var second = await stores.Documents.ListAsync(Stores.Tenant, collection: null, page: 2, pageSize: 2, None);
        var otherTenant = await stores.Documents.ListAsync("other", collection: null, page: 1, pageSize: 2, None);

        Assert.Equal(["c", "b"], first.Items.Select(d => d.Id));
        Assert.Equal(["a"], second.Items.Select(d => d.Id));
        Assert.Equal((3, 3), (first.Total, second.Total));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), second.Items[0].CreatedAt);
        Assert.Equal(0, otherTenant.Total);
    }

    [Fact]
    public async Task IdenticalContentUnderTheSameTitleReusesTheIndexedDocumentsChunks()
    {
        var stores = await fixture.CreateStoresAsync();
        await stores.UploadAsync("original", "Backups run nightly.");
        var original = (await stores.Queue.ClaimAsync("w", None))!;
        await stores.Queue.CompleteAsync(original, stores.Indexed(original, "Backups run nightly."), None);
        await stores.UploadAsync("copy", "Backups run nightly.");
        await stores.UploadAsync("retitled", "Backups run nightly.", title: "Operations");
        var copy = (await stores.Queue.ClaimAsync("w", None))!;
        var retitled = (await stores.Queue.ClaimAsync("w", None))!;

        var reused = await stores.Documents.FindReusableChunksAsync(copy, None);

        Assert.Equal(["Backups run nightly."], reused?.Chunks.Select(c => c.Text));
        Assert.Equal([0.6f, 0.8f], reused!.Embeddings[0].ToArray());
        Assert.Null(await stores.Documents.FindReusableChunksAsync(retitled, None));
        Assert.Equal(DocumentStatus.Processing, (await stores.Documents.GetAsync(copy.DocumentId, None))?.Status);
    }
}
