using RagPlatform.Core.Extraction;

namespace RagPlatform.Tests.Extraction;

public sealed class OfficeFormatExtractorTests
{
    private readonly TextExtractor _extractor = new();

    [Fact]
    public void EachWorksheetIsASectionAndEachRowCarriesItsHeader()
    {
        var xlsx = OfficeDocuments.Xlsx(
            ("Sales", [["Region", "Revenue"], ["North", 1200], ["South", 800]]),
            ("Staff", [["Name", "Role"], ["Ada", "Keeper"]]));

        var text = _extractor.Extract(xlsx, ContentTypes.Xlsx).Text;

        Assert.Equal("# Sales\n\nRegion: North; Revenue: 1200\n\nRegion: South; Revenue: 800\n\n# Staff\n\nName: Ada; Role: Keeper", text);
    }

    [Fact]
    public void DatesAndNumbersReadAsTheirNumberFormatShowsThemNotAsStored()
    {
        // Excel stores 14 March 2026 as the day count 46095; 09:30 is 0.3958333 of a day.
        var xlsx = OfficeDocuments.Xlsx(("Arrivals",
        [
            ["Vessel", "Arrival", "Docked", "Booked", "Fee", "Occupancy", "Tonnage", "Draught"],
            ["Albatross", new OfficeDocuments.Formatted(46095, 14), new OfficeDocuments.Formatted(46095.395833333336, 22),
                new OfficeDocuments.Formatted(46095, 164, "dd/mm/yyyy;@"), new OfficeDocuments.Formatted(1234.5, 4),
                new OfficeDocuments.Formatted(0.925, 165, "0.0%"), new OfficeDocuments.Formatted(12000, 3), 0.1 + 0.2],
            ["Cormorant", new OfficeDocuments.Formatted(46096.5, 20), new OfficeDocuments.Formatted(0.75, 21),
                new OfficeDocuments.Formatted(46096, 166, "[$-409]mmmm d, yyyy"), new OfficeDocuments.Formatted(-80, 167, "\"EUR\" #,##0.00;[Red]-#,##0.00"),
                new OfficeDocuments.Formatted(1, 9), new OfficeDocuments.Formatted(0.5, 12), 46095],
        ]));

        var text = _extractor.Extract(xlsx, ContentTypes.Xlsx).Text;

        Assert.Equal(
            "# Arrivals\n\n" +
            "Vessel: Albatross; Arrival: 2026-03-14; Docked: 2026-03-14 09:30; Booked: 2026-03-14; Fee: 1,234.50; Occupancy: 92.5%; Tonnage: 12,000; Draught: 0.3\n\n" +
            "Vessel: Cormorant; Arrival: 12:00; Docked: 18:00:00; Booked: 2026-03-15; Fee: -80.00; Occupancy: 100%; Tonnage: 0.5; Draught: 46095",
            text);
    }

    [Fact]
    public void CsvRowsKeepTheirHeaderWithQuotedCommasAndLineBreaks()
    {
        var csv = "Ship,Cargo,Note\r\nAurora,\"Tea, green\",\"Docked \"\"early\"\"\nat dawn\"\r\nBeacon,,Late\r\n"u8.ToArray();

        var text = _extractor.Extract(csv, ContentTypes.Csv).Text;

        Assert.Equal("Ship: Aurora; Cargo: Tea, green; Note: Docked \"early\" at dawn\n\nShip: Beacon; Note: Late", text);
    }

    [Fact]
    public void SemicolonSeparatedCsvIsReadToo()
    {
        var text = _extractor.Extract("Name;Price\nBolt;0,25\n"u8.ToArray(), ContentTypes.Csv).Text;

        Assert.Equal("Name: Bolt; Price: 0,25", text);
    }

    [Fact]
    public void EachSlideIsASectionWithItsSpeakerNotes()
    {
        var pptx = OfficeDocuments.Pptx(("Harbour safety", "Wear a life vest.", "Remind everyone about the drill."), ("Tides", "High tide at noon.", ""));

        var extracted = _extractor.Extract(pptx, ContentTypes.Pptx);

        Assert.Equal(
            "# Slide 1: Harbour safety\n\nWear a life vest.\n\nSpeaker notes: Remind everyone about the drill.\n\n# Slide 2: Tides\n\nHigh tide at noon.",
            extracted.Text);
        Assert.Equal("Harbour safety", extracted.Title);
    }

    [Fact]
    public void AMailGivesItsHeadersBodyAndAttachmentNamesAndItsAttachmentsApart()
    {
        var eml = OfficeDocuments.Eml("Crane inspection", "The crane passed its inspection on Monday.", ("report.txt", "Bolts torqued to spec."));

        var extracted = _extractor.Extract(eml, ContentTypes.Eml);
        var attachments = EmlTextExtractor.Attachments(eml);

        Assert.Equal("Crane inspection", extracted.Title);
        Assert.Contains("From: \"Ada Keeper\" <ada@example.com>", extracted.Text);
        Assert.Contains("The crane passed its inspection on Monday.", extracted.Text);
        Assert.Contains("Attachments: report.txt", extracted.Text);
        var attachment = Assert.Single(attachments);
        Assert.Equal(("report.txt", ContentTypes.PlainText, "Bolts torqued to spec."),
            (attachment.FileName, attachment.ContentType, System.Text.Encoding.UTF8.GetString(attachment.Content)));
    }
}
