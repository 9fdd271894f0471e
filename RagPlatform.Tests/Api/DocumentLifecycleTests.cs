using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Bench.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>Upload, ingestion by the worker, search, ask and delete, against real PostgreSQL.</summary>
[Collection(ApiCollection.Name)]
public sealed class DocumentLifecycleTests(ApiFixture fixture)
{
    private const string Markdown = """
        # Lighthouse maintenance

        The Fresnel lens of the Skerryvore lighthouse is polished every Thursday with chamois leather.

        ## Fuel

        Paraffin vapour burners replaced the colza oil lamps in 1904, tripling the light's range.
        """;

    [Fact]
    public async Task UploadedDocumentIsIndexedFoundAnsweredAndDeleted()
    {
        var id = $"lighthouse-{Guid.NewGuid():N}";
        var accepted = await fixture.Client.PostAsJsonAsync("/api/v1/documents",
            new { id, title = "Lighthouse notes", content = Markdown, contentType = "text/markdown", metadata = new { source = "test" } });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("queued", body.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/documents/{id}", body.GetProperty("statusUrl").GetString());

        var document = await fixture.BenchApi.WaitForStatusAsync(id, "indexed");
        Assert.True(document.GetProperty("chunkCount").GetInt32() >= 1);
        Assert.Equal("test", document.GetProperty("metadata").GetProperty("source").GetString());

        // Searchable within 2 seconds of being indexed.
        var hits = await fixture.BenchApi.SearchUntilFirstAsync("polished every Thursday with chamois leather", id, TimeSpan.FromSeconds(2));
        Assert.Equal(id, hits[0].GetProperty("documentId").GetString());
        Assert.Equal("Lighthouse notes", hits[0].GetProperty("title").GetString());

        var answer = await (await fixture.Client.PostAsJsonAsync("/api/v1/rag/query",
            new { question = "When did paraffin burners replace the oil lamps?" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("1904", answer.GetProperty("answer").GetString());
        Assert.Contains(answer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("documentId").GetString() == id);

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Client.DeleteAsync($"/api/v1/documents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/api/v1/documents/{id}")).StatusCode);
        var after = await fixture.BenchApi.SearchAsync("polished every Thursday with chamois leather");
        Assert.DoesNotContain(after, h => RagApiClient.DocumentIdOf(h) == id);
    }

    [Fact]
    public async Task SecondUploadWithTheSameIdIsAConflict()
    {
        var id = $"dup-{Guid.NewGuid():N}";
        await fixture.Client.PostAsJsonAsync("/api/v1/documents", new { id, content = "first version" });

        var second = await fixture.Client.PostAsJsonAsync("/api/v1/documents", new { id, content = "second version" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListingPagesNewestFirst()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        foreach (var n in new[] { 1, 2, 3 })
        {
            await fixture.Client.PostAsJsonAsync("/api/v1/documents", new { id = $"{prefix}-{n}", content = $"document {n}", collection = prefix });
        }

        var page = await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/v1/documents?collection={prefix}&pageSize=2&page=1");
        var next = await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/v1/documents?collection={prefix}&pageSize=2&page=2");

        Assert.Equal(3, page.GetProperty("total").GetInt64());
        Assert.Equal([$"{prefix}-3", $"{prefix}-2"], page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!));
        Assert.Equal([$"{prefix}-1"], next.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!));
    }
}
