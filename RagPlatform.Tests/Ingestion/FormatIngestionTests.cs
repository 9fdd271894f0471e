using System.Net;
using RagPlatform.Client;
using RagPlatform.Tests.Extraction;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Ingestion;

/// <summary>Spreadsheets, slide decks and mail, uploaded as users keep them, are found by what is in them.</summary>
[Collection(ApiCollection.Name)]
public sealed class FormatIngestionTests(ApiFixture fixture)
{
    [Fact]
    public async Task AWorkbookIsFoundByACellAndTheHitShowsTheRowWithItsHeader()
    {
        var collection = FileIngestion.Collection("xlsx");
        var xlsx = OfficeDocuments.Xlsx(("Moorings", [["Berth", "Vessel"], ["B7", "Albatross"], ["B8", "Cormorant"]]));

        var id = await IndexedAsync(xlsx, "moorings.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", collection);

        var hit = (await FileIngestion.SearchAsync(fixture.Api, "Cormorant", collection))[0];
        Assert.Equal(id, hit.DocumentId);
        Assert.Contains("Berth: B8; Vessel: Cormorant", hit.Text);
    }

    [Fact]
    public async Task APdfTableIsFoundByACellAndTheHitShowsItsRowAsAMarkdownTableRow()
    {
        var collection = FileIngestion.Collection("pdf-table");

        var id = await IndexedAsync(PdfTablePages.Moorings(), "moorings.pdf", "application/pdf", collection);

        var hit = (await FileIngestion.SearchAsync(fixture.Api, "Kestrel", collection))[0];
        Assert.Equal(id, hit.DocumentId);
        Assert.Contains("| Berth | Vessel | Length |\n| --- | --- | --- |", hit.Text);
        Assert.Contains("| B12 | Sea Kestrel | 127 m |", hit.Text);
    }

    [Fact]
    public async Task ACsvFileIsFoundByACell()
    {
        var collection = FileIngestion.Collection("csv");
        var csv = "Buoy,Colour\nNorth cardinal,black over yellow\nSafe water,red and white stripes\n"u8.ToArray();

        var id = await IndexedAsync(csv, "buoys.csv", "text/csv", collection);

        var hits = await FileIngestion.SearchAsync(fixture.Api, "stripes", collection);
        Assert.Equal(id, hits[0].DocumentId);
    }

    [Fact]
    public async Task ASlideDeckIsFoundByAWordInItsSpeakerNotes()
    {
        var collection = FileIngestion.Collection("pptx");
        var pptx = OfficeDocuments.Pptx(("Quarterly review", "Berths occupied: 92 %.", "Mention the new kingfisher logo to the board."));

        var id = await IndexedAsync(pptx, "review.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", collection);

        var hits = await FileIngestion.SearchAsync(fixture.Api, "kingfisher", collection);
        Assert.Equal(id, hits[0].DocumentId);
    }

    [Fact]
    public async Task AMailIsFoundByItsBodyAndItsAttachmentIsADocumentOfItsOwnLinkedToIt()
    {
        var collection = FileIngestion.Collection("eml");
        var eml = OfficeDocuments.Eml("Dredging schedule", "Dredging of the inner basin starts in March.", ("permit.txt", "The permit allows sediment disposal offshore."));

        var mail = await IndexedAsync(eml, "dredging.eml", "message/rfc822", collection);
        var attachment = $"{mail}.attachment-1";
        var attached = await fixture.Api.WaitForStatusAsync(attachment, DocumentStatuses.Indexed, TimeSpan.FromMinutes(1));

        Assert.Equal(mail, (await FileIngestion.SearchAsync(fixture.Api, "inner basin dredging", collection))[0].DocumentId);
        Assert.Equal(mail, attached.Metadata["attachmentOf"]);
        Assert.Equal("permit.txt", attached.Title);
        var hits = await FileIngestion.SearchAsync(fixture.Api, "sediment", collection, ("attachmentOf", mail));
        Assert.Equal(attachment, hits[0].DocumentId);
    }

    [Fact]
    public async Task DeletingAMailDeletesTheDocumentsOfItsAttachments()
    {
        var collection = FileIngestion.Collection("eml-delete");
        var eml = OfficeDocuments.Eml("Buoy survey", "The buoy survey is booked for April.", ("route.txt", "The survey route passes the breakwater lantern."));
        var mail = await IndexedAsync(eml, "survey.eml", "message/rfc822", collection);
        var attachment = $"{mail}.attachment-1";
        await fixture.Api.WaitForStatusAsync(attachment, DocumentStatuses.Indexed, TimeSpan.FromMinutes(1));

        Assert.True((await fixture.Api.DeleteAsync(mail)).RemovedFromSearch);

        // A 204 means this instance's index no longer holds any of them: nothing of the mail or its attachment is found.
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<RagPlatformApiException>(() => fixture.Api.GetDocumentAsync(attachment))).Status);
        Assert.Empty(await FileIngestion.SearchAsync(fixture.Api, "breakwater lantern survey route", collection));
    }

    [Fact]
    public async Task ReplacingAMailReplacesItsAttachmentsAndLeavesNoneOfTheOldOnesSearchable()
    {
        var collection = FileIngestion.Collection("eml-replace");
        var first = OfficeDocuments.Eml("Dredging schedule", "Dredging of the inner basin starts in March.",
            ("permit.txt", "The permit allows sediment disposal offshore."), ("chart.txt", "The chart marks the spoil ground by the lighthouse."));
        var mail = await IndexedAsync(first, "dredging.eml", "message/rfc822", collection);
        var (permit, chart) = ($"{mail}.attachment-1", $"{mail}.attachment-2");
        await fixture.Api.WaitForStatusAsync(permit, DocumentStatuses.Indexed, TimeSpan.FromMinutes(1));
        await fixture.Api.WaitForStatusAsync(chart, DocumentStatuses.Indexed, TimeSpan.FromMinutes(1));

        var revised = OfficeDocuments.Eml("Dredging schedule, revised", "Dredging of the inner basin is postponed to May.",
            ("permit.txt", "The revised permit forbids disposal near the oyster beds."));
        await FileIngestion.ReplaceAsync(fixture.Api, mail, revised, "dredging.eml", "message/rfc822", collection);
        await fixture.Api.WaitForStatusAsync(mail, DocumentStatuses.Indexed, TimeSpan.FromMinutes(1));
        await fixture.Api.WaitForStatusAsync(permit, DocumentStatuses.Indexed, TimeSpan.FromMinutes(1));

        // The attachment the new mail no longer has is gone; the one it has again holds the new text only.
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<RagPlatformApiException>(() => fixture.Api.GetDocumentAsync(chart))).Status);
        var old = await FileIngestion.SearchAsync(fixture.Api, "sediment disposal offshore spoil ground lighthouse chart", collection);
        Assert.All(old, hit => Assert.Contains(hit.DocumentId, new[] { mail, permit }));
        Assert.DoesNotContain(old, hit => hit.Text.Contains("sediment", StringComparison.Ordinal));
        Assert.Equal(permit, (await FileIngestion.SearchAsync(fixture.Api, "oyster beds", collection))[0].DocumentId);
    }

    private async Task<string> IndexedAsync(byte[] content, string fileName, string contentType, string collection)
    {
        var id = await FileIngestion.UploadAsync(fixture.Api, content, fileName, contentType, collection);
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed, TimeSpan.FromMinutes(1));
        return id;
    }
}
