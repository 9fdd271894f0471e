using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Projection;

/// <summary>What a client of one API instance sees of its own writes, whichever index backs that instance.</summary>
internal static class ReadYourWriteScenarios
{
    /// <summary>A unique word, so a search finds this test's document and no other.</summary>
    public static string Word() => $"quay{Guid.NewGuid():N}"[..14];

    public static TextDocument Document(string id, string word) =>
        new($"The harbour master {word} records every ship that enters the quay at dawn.", Id: id);

    /// <summary>Once GET says "indexed", a search on the same instance finds the document: no polling, no grace period.</summary>
    public static async Task IndexedMeansFoundAsync(RagPlatformClient client)
    {
        var id = $"ryw-{Guid.NewGuid():N}";
        var word = Word();
        await client.UploadAsync(Document(id, word));

        var document = await client.WaitForStatusAsync(id, DocumentStatuses.Indexed);

        Assert.True(document.Searchable);
        Assert.True(document.IndexSequence > 0);
        Assert.Contains(await client.SearchAsync($"harbour master {word}"), h => h.DocumentId == id);
    }

    /// <summary>
    /// The same promise kept every time, not mostly: <paramref name="documents"/> uploads at once, each searched for its own
    /// word the moment its poll first says "indexed" (before the status meant searchable, 2 in 30 missed).
    /// </summary>
    public static async Task IndexedMeansFoundEveryTimeAsync(RagPlatformClient api, int documents)
    {
        var uploads = Enumerable.Range(0, documents).Select(_ => (Id: $"ryw-loop-{Guid.NewGuid():N}", Word: Word())).ToArray();
        foreach (var (id, word) in uploads)
        {
            await api.UploadAsync(Document(id, word));
        }

        var missed = await Task.WhenAll(uploads.Select(async upload =>
        {
            await api.WaitForStatusAsync(upload.Id, DocumentStatuses.Indexed);
            var hits = await api.SearchAsync($"harbour master {upload.Word}");
            return hits.Any(h => h.DocumentId == upload.Id) ? null : upload.Id;
        }));

        Assert.Equal([], missed.OfType<string>());
    }

    /// <summary>A 204 on delete means this instance no longer finds the document, though the search before it was cached.</summary>
    public static async Task DeleteAnswered204IsNotFoundAsync(RagPlatformClient client)
    {
        var id = $"ryw-{Guid.NewGuid():N}";
        var word = Word();
        await client.UploadAsync(Document(id, word));
        await client.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        Assert.Contains(await client.SearchAsync($"harbour master {word}"), h => h.DocumentId == id);

        var deleted = await client.DeleteAsync(id);

        // The client's reading of the 204 (a 202 would say the removal is pending).
        Assert.True(deleted.RemovedFromSearch);
        Assert.DoesNotContain(await client.SearchAsync($"harbour master {word}"), h => h.DocumentId == id);
    }
}
