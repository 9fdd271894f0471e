using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Client;
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

        var document = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        Assert.True(document.ChunkCount >= 1);
        Assert.Equal("test", document.Metadata["source"]);

        // Searchable within 2 seconds of being indexed.
        var hits = await fixture.Api.SearchUntilFirstAsync("polished every Thursday with chamois leather", id, TimeSpan.FromSeconds(2));
        Assert.Equal(id, hits[0].DocumentId);
        Assert.Equal("Lighthouse notes", hits[0].Title);

        var answer = await fixture.Api.AskAsync(new AskRequest("When did paraffin burners replace the oil lamps?"));
        Assert.Contains("1904", answer.Text);
        Assert.Contains(answer.Citations, c => c.DocumentId == id);

        // Removed from search before the delete returns (the API's 204, not its 202).
        Assert.True((await fixture.Api.DeleteAsync(id)).RemovedFromSearch);
        var gone = await Assert.ThrowsAsync<RagPlatformApiException>(() => fixture.Api.GetDocumentAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        var after = await fixture.Api.SearchAsync("polished every Thursday with chamois leather");
        Assert.DoesNotContain(after, h => h.DocumentId == id);
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
            await fixture.Api.UploadAsync(new TextDocument($"document {n}", Id: $"{prefix}-{n}", Collection: prefix));
        }

        var page = await fixture.Api.ListDocumentsAsync(page: 1, pageSize: 2, collection: prefix);
        var next = await fixture.Api.ListDocumentsAsync(page: 2, pageSize: 2, collection: prefix);

        Assert.Equal(3, page.Total);
        Assert.Equal([$"{prefix}-3", $"{prefix}-2"], page.Items.Select(d => d.Id));
        Assert.Equal([$"{prefix}-1"], next.Items.Select(d => d.Id));
    }
}
