using System.Net;
using System.Text.Json;
using RagPlatform.Bench.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Projection;

/// <summary>What a client of one API instance sees of its own writes, whichever index backs that instance.</summary>
internal static class ReadYourWriteScenarios
{
    /// <summary>A unique word, so a search finds this test's document and no other.</summary>
    public static string Word() => $"quay{Guid.NewGuid():N}"[..14];

    public static object Document(string id, string word) =>
        new { id, content = $"The harbour master {word} records every ship that enters the quay at dawn." };

    /// <summary>Once GET says "indexed", a search on the same instance finds the document: no polling, no grace period.</summary>
    public static async Task IndexedMeansFoundAsync(HttpClient client)
    {
        var id = $"ryw-{Guid.NewGuid():N}";
        var word = Word();
        await new RagApiClient(client).UploadAsync(Document(id, word));

        var document = await new RagApiClient(client).WaitForStatusAsync(id, "indexed");

        Assert.True(document.GetProperty("searchable").GetBoolean());
        Assert.True(document.GetProperty("indexSequence").GetInt64() > 0);
        Assert.Contains(await new RagApiClient(client).SearchAsync($"harbour master {word}"), h => RagApiClient.DocumentIdOf(h) == id);
    }

    /// <summary>
    /// The same promise kept every time, not mostly: <paramref name="documents"/> uploads at once, each searched for its own
    /// word the moment its poll first says "indexed" (before the status meant searchable, 2 in 30 missed).
    /// </summary>
    public static async Task IndexedMeansFoundEveryTimeAsync(HttpClient client, int documents)
    {
        var api = new RagApiClient(client);
        var uploads = Enumerable.Range(0, documents).Select(_ => (Id: $"ryw-loop-{Guid.NewGuid():N}", Word: Word())).ToArray();
        foreach (var (id, word) in uploads)
        {
            await api.UploadAsync(Document(id, word));
        }

        var missed = await Task.WhenAll(uploads.Select(async upload =>
        {
            await api.WaitForStatusAsync(upload.Id, "indexed");
            var hits = await api.SearchAsync($"harbour master {upload.Word}");
            return hits.Any(h => RagApiClient.DocumentIdOf(h) == upload.Id) ? null : upload.Id;
        }));

        Assert.Equal([], missed.OfType<string>());
    }

    /// <summary>A 204 on delete means this instance no longer finds the document, though the search before it was cached.</summary>
    public static async Task DeleteAnswered204IsNotFoundAsync(HttpClient client)
    {
        var id = $"ryw-{Guid.NewGuid():N}";
        var word = Word();
        await new RagApiClient(client).UploadAsync(Document(id, word));
        await new RagApiClient(client).WaitForStatusAsync(id, "indexed");
        Assert.Contains(await new RagApiClient(client).SearchAsync($"harbour master {word}"), h => RagApiClient.DocumentIdOf(h) == id);

        var deleted = await client.DeleteAsync($"/api/v1/documents/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(await new RagApiClient(client).SearchAsync($"harbour master {word}"), h => RagApiClient.DocumentIdOf(h) == id);
    }
}
