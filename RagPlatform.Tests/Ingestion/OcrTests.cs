using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Bench.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Ingestion;

/// <summary>Scanned pages and photographed documents are recognised with tesseract and found by the words on them.</summary>
[Collection(ApiCollection.Name)]
public sealed class OcrTests(ApiFixture fixture)
{
    [Fact]
    public async Task TheScannedPageOfAPdfIsRecognisedAndFoundByAWordOnItWithItsPageAndConfidence()
    {
        var collection = $"scan-{Guid.NewGuid():N}"[..20];
        var scan = ScannedDocuments.Png("The lighthouse keeper ordered marmalade", "for the winter storms.");
        var pdf = ScannedDocuments.PdfWithScannedPage("This typed cover page introduces the keeper's logbook.", scan);

        var id = await UploadAsync(pdf, "logbook.pdf", "application/pdf", collection);
        await fixture.BenchApi.WaitForStatusAsync(id, "indexed", TimeSpan.FromMinutes(2));

        var hits = await SearchAsync("marmalade", collection, filter: null);
        Assert.Equal(id, RagApiClient.DocumentIdOf(hits[0]));
        Assert.Equal(2, hits[0].GetProperty("pageNumber").GetInt32());
        Assert.Contains("marmalade", hits[0].GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        // The hit says its text was recognised, and how sure tesseract was: clean 150 dpi type reads well above one half.
        Assert.True(hits[0].GetProperty("ocr").GetBoolean());
        Assert.InRange(hits[0].GetProperty("ocrConfidence").GetDouble(), 0.5, 1.0);
        // Recognised chunks say so (metadata ocr = true, with their confidence): a search for them finds the scanned page only.
        // "logbook" is typed on page 1 only: found there, and out of reach once the search keeps to recognised chunks.
        var typed = await SearchAsync("logbook", collection, filter: null);
        Assert.Equal(1, typed[0].GetProperty("pageNumber").GetInt32());
        Assert.False(typed[0].GetProperty("ocr").GetBoolean());
        Assert.Equal(JsonValueKind.Null, typed[0].GetProperty("ocrConfidence").ValueKind);
        var recognised = await SearchAsync("logbook", collection, filter: new { metadata = new { ocr = "true" } });
        Assert.All(recognised, hit => Assert.Equal(2, hit.GetProperty("pageNumber").GetInt32()));
        // An answer's citation of the scan says the same.
        var answer = await (await fixture.Client.PostAsJsonAsync("/api/v1/rag/query", new { question = "What did the lighthouse keeper order for the winter storms?", collection }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var citation = answer.GetProperty("citations")[0];
        Assert.Equal((2, true), (citation.GetProperty("pageNumber").GetInt32(), citation.GetProperty("ocr").GetBoolean()));
        Assert.InRange(citation.GetProperty("ocrConfidence").GetDouble(), 0.5, 1.0);
    }

    [Fact]
    public async Task ALongScanShowsItsPagesRecognisedWhileItIsRead()
    {
        var collection = $"scan-progress-{Guid.NewGuid():N}"[..20];
        var pdf = ScannedDocuments.ScannedPdf(
            ScannedDocuments.Png("Page one lists the harbour dues."), ScannedDocuments.Png("Page two lists the pilotage fees."));

        var id = await UploadAsync(pdf, "dues.pdf", "application/pdf", collection);

        // Each page takes tesseract seconds; polled this often, the document is seen between its two pages.
        var seen = new List<(int Recognised, int Count)>();
        JsonElement document;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        do
        {
            document = await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{id}");
            if (document.TryGetProperty("progress", out var progress) && progress.ValueKind == JsonValueKind.Object
                && progress.TryGetProperty("pageCount", out var count))
            {
                seen.Add((progress.GetProperty("pagesRecognised").GetInt32(), count.GetInt32()));
            }
            await Task.Delay(50);
        }
        while (document.GetProperty("status").GetString() is "queued" or "processing" && DateTime.UtcNow < deadline);

        Assert.Equal("indexed", document.GetProperty("status").GetString());
        Assert.Contains((1, 2), seen);
        Assert.Equal(seen.Order(), seen);
        Assert.False(document.TryGetProperty("progress", out var left) && left.ValueKind == JsonValueKind.Object, "an indexed document shows no progress");
    }

    [Theory]
    [InlineData("png", "notice.png", "image/png")]
    [InlineData("jpeg", "notice.jpg", "image/jpeg")]
    [InlineData("tiff", "notice.tif", "image/tiff")]
    public async Task AnImageUploadIsRecognisedAndFoundByAWordOnIt(string format, string fileName, string contentType)
    {
        var collection = $"{format}-{Guid.NewGuid():N}"[..20];
        var image = ScannedDocuments.Image(format, "Harbour regulations forbid anchoring", "near the pelican colony.");

        var id = await UploadAsync(image, fileName, contentType, collection);
        var document = await fixture.BenchApi.WaitForStatusAsync(id, "indexed", TimeSpan.FromMinutes(2));

        Assert.True(document.GetProperty("chunkCount").GetInt32() >= 1);
        var hits = await SearchAsync("pelican", collection, filter: null);
        Assert.Equal(id, RagApiClient.DocumentIdOf(hits[0]));
    }

    private Task<string> UploadAsync(byte[] content, string fileName, string contentType, string collection) =>
        FileIngestion.UploadAsync(fixture.Client, content, fileName, contentType, collection);

    private Task<List<JsonElement>> SearchAsync(string query, string collection, object? filter) =>
        FileIngestion.SearchAsync(fixture.Client, query, collection, filter);
}
