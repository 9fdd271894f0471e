using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
        await fixture.BenchApi.UploadAsync(new { id, collection, content = "Backups run nightly.", metadata = new { team = "ops", region = "eu" } });
        await fixture.BenchApi.WaitForStatusAsync(id, "indexed");

        await ReplaceAsync(id, new { content = "Backups run hourly and are kept for ninety days." });
        var replaced = await fixture.BenchApi.WaitForStatusAsync(id, "indexed");

        Assert.Equal(2, replaced.GetProperty("version").GetInt32());
        Assert.Equal("""{"region":"eu","team":"ops"}""", Canonical(replaced.GetProperty("metadata")));
        var hits = await SearchIdsAsync(collection, "hourly ninety days", new { metadata = new { team = "ops", region = "eu" } });
        Assert.Equal([id], hits);
    }

    [Fact]
    public async Task APutWithMetadataReplacesTheWholeSetAndAnEmptyOneClearsIt()
    {
        var id = $"replace-{Guid.NewGuid():N}";
        await fixture.BenchApi.UploadAsync(new { id, content = "Version one.", metadata = new { team = "ops", region = "eu" } });
        await fixture.BenchApi.WaitForStatusAsync(id, "indexed");

        await ReplaceAsync(id, new { content = "Version two.", metadata = new { team = "sre" } });
        var second = await fixture.BenchApi.WaitForStatusAsync(id, "indexed");
        await ReplaceAsync(id, new { content = "Version three.", metadata = new { } });
        var third = await fixture.BenchApi.WaitForStatusAsync(id, "indexed");

        Assert.Equal("""{"team":"sre"}""", Canonical(second.GetProperty("metadata")));
        Assert.Equal("{}", Canonical(third.GetProperty("metadata")));
    }

    private async Task ReplaceAsync(string id, object body)
    {
        var response = await fixture.Client.PutAsJsonAsync($"/api/v1/documents/{id}", body);
        // The 202 comes after the document is queued in PostgreSQL: a wait for "indexed" from here waits for the new version.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<List<string>> SearchIdsAsync(string collection, string query, object filter)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/v1/rag/search", new { query, collection, filter, topK = 10 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("results").EnumerateArray().Select(hit => hit.GetProperty("documentId").GetString()!).ToList();
    }

    /// <summary>The metadata with its keys in order (PostgreSQL's jsonb keeps its own order).</summary>
    private static string Canonical(JsonElement metadata) => JsonSerializer.Serialize(
        new SortedDictionary<string, string>(metadata.Deserialize<Dictionary<string, string>>()!, StringComparer.Ordinal));
}
