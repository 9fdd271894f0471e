using RagPlatform.Client;
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
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed, TimeSpan.FromMinutes(2));

        var hits = await SearchAsync("marmalade", collection);
        Assert.Equal(id, hits[0].DocumentId);
        Assert.Equal(2, hits[0].PageNumber);
        Assert.Contains("marmalade", hits[0].Text, StringComparison.OrdinalIgnoreCase);
        // The hit says its text was recognised, and how sure tesseract was: clean 150 dpi type reads well above one half.
        Assert.True(hits[0].Ocr);
        Assert.InRange(hits[0].OcrConfidence!.Value, 0.5, 1.0);
        // Recognised chunks say so (metadata ocr = true, with their confidence): a search for them finds the scanned page only.
        // "logbook" is typed on page 1 only: found there, and out of reach once the search keeps to recognised chunks.
        var typed = await SearchAsync("logbook", collection);
        Assert.Equal(1, typed[0].PageNumber);
        Assert.False(typed[0].Ocr);
        Assert.Null(typed[0].OcrConfidence);
        var recognised = await SearchAsync("logbook", collection, ("ocr", "true"));
        Assert.All(recognised, hit => Assert.Equal(2, hit.PageNumber));
        // An answer's citation of the scan says the same.
        var answer = await fixture.Api.AskAsync(new AskRequest("What did the lighthouse keeper order for the winter storms?", Scope: new SearchScope(collection)));
        var citation = answer.Citations[0];
        Assert.Equal((2, true), (citation.PageNumber, citation.Ocr));
        Assert.InRange(citation.OcrConfidence!.Value, 0.5, 1.0);
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
        Document document;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        do
        {
            document = await fixture.Api.GetDocumentAsync(id);
            if (document.Progress is { PagesRecognised: { } recognised, PageCount: { } count })
            {
                seen.Add((recognised, count));
            }
            await Task.Delay(50);
        }
        while (document.Status is DocumentStatuses.Queued or DocumentStatuses.Processing && DateTime.UtcNow < deadline);

        Assert.Equal(DocumentStatuses.Indexed, document.Status);
        Assert.Contains((1, 2), seen);
        Assert.Equal(seen.Order(), seen);
        Assert.True(document.Progress is null, "an indexed document shows no progress");
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
        var document = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed, TimeSpan.FromMinutes(2));

        Assert.True(document.ChunkCount >= 1);
        var hits = await SearchAsync("pelican", collection);
        Assert.Equal(id, hits[0].DocumentId);
    }

    private Task<string> UploadAsync(byte[] content, string fileName, string contentType, string collection) =>
        FileIngestion.UploadAsync(fixture.Api, content, fileName, contentType, collection);

    private Task<IReadOnlyList<SearchResult>> SearchAsync(string query, string collection, (string Key, string Value)? metadata = null) =>
        FileIngestion.SearchAsync(fixture.Api, query, collection, metadata);
}
