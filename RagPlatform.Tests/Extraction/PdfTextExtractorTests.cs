using RagPlatform.Core.Extraction;

namespace RagPlatform.Tests.Extraction;

public sealed class PdfTextExtractorTests
{
    private static readonly string[][][] Pages =
    [
        [["Solar panels convert sunlight into electricity.", "They work best facing south."], ["Inverters turn direct current into alternating current."]],
        [["Batteries store surplus energy for the night."]],
        [["Maintenance means cleaning the panels twice a year."]],
    ];

    private readonly TextExtractor _extractor = new();

    [Fact]
    public void EveryPagesSentencesAreExtractedInOrder()
    {
        var result = _extractor.Extract(TestDocuments.Pdf("Home Solar", Pages), ContentTypes.Pdf);

        var sentences = new[]
        {
            "Solar panels convert sunlight into electricity.", "Inverters turn direct current into alternating current.",
            "Batteries store surplus energy for the night.", "Maintenance means cleaning the panels twice a year.",
        };
        var positions = sentences.Select(s => result.Text.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, result.Text));
        Assert.Equal(positions.Order(), positions);
        Assert.Equal("Home Solar", result.Title);
    }

    [Fact]
    public void LinesOfOneBlockFormOneParagraphAndBlocksAreSeparatedByABlankLine()
    {
        var result = _extractor.Extract(TestDocuments.Pdf(null, Pages), ContentTypes.Pdf);

        Assert.Contains("Solar panels convert sunlight into electricity. They work best facing south.\n\nInverters", result.Text);
        Assert.DoesNotContain("\n\n\n", result.Text);
    }

    [Fact]
    public void PageStartsGiveEachChunkOffsetItsPage()
    {
        var result = _extractor.Extract(TestDocuments.Pdf(null, Pages), ContentTypes.Pdf);

        Assert.NotNull(result.PageStarts);
        Assert.Equal(3, result.PageStarts.Count);
        Assert.Equal(0, result.PageStarts[0]);
        Assert.Equal(1, PageNumbers.ForOffset(result.PageStarts, result.Text.IndexOf("Inverters", StringComparison.Ordinal)));
        Assert.Equal(2, PageNumbers.ForOffset(result.PageStarts, result.Text.IndexOf("Batteries", StringComparison.Ordinal)));
        Assert.Equal(3, PageNumbers.ForOffset(result.PageStarts, result.Text.IndexOf("Maintenance", StringComparison.Ordinal)));
        Assert.StartsWith("Batteries", result.Text[result.PageStarts[1]..]);
    }

    [Fact]
    public void TwoColumnsAreReadOneAfterTheOtherNotLineByLineAcross()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        string[] left = ["Left column first line", "left column second line", "left column third line"];
        string[] right = ["Right column first line", "right column second line", "right column third line"];
        for (var i = 0; i < left.Length; i++)
        {
            page.AddText(left[i], 11, new UglyToad.PdfPig.Core.PdfPoint(50, 700 - (i * 14)), font);
            page.AddText(right[i], 11, new UglyToad.PdfPig.Core.PdfPoint(330, 700 - (i * 14)), font);
        }

        var result = _extractor.Extract(builder.Build(), ContentTypes.Pdf);

        Assert.Equal(
            "Left column first line left column second line left column third line\n\n" +
            "Right column first line right column second line right column third line",
            result.Text);
    }

    [Fact]
    public void AWordHyphenatedAcrossALineBreakIsJoinedAgain()
    {
        var pdf = TestDocuments.Pdf(null, [["The panels need regular infor-", "mation about the weather."]]);

        Assert.Equal("The panels need regular information about the weather.", _extractor.Extract(pdf, ContentTypes.Pdf).Text);
    }

    [Fact]
    public void APdfWithoutATextLayerGivesEmptyText()
    {
        var result = _extractor.Extract(TestDocuments.Pdf(null, [], []), ContentTypes.Pdf);

        Assert.Equal(string.Empty, result.Text);
        Assert.Equal([0, 0], result.PageStarts);
    }

    [Fact]
    public void ACorruptPdfIsUnreadable()
    {
        var bytes = "%PDF-1.7\n"u8.ToArray().Concat(Enumerable.Range(0, 2000).Select(i => (byte)(i * 37 % 251))).ToArray();

        var error = Assert.Throws<DocumentUnreadableException>(() => _extractor.Extract(bytes, ContentTypes.Pdf));

        Assert.StartsWith("The PDF could not be read", error.Message);
    }

    [Fact]
    public void ATruncatedPdfIsUnreadable()
    {
        var bytes = TestDocuments.Pdf(null, Pages);

        Assert.Throws<DocumentUnreadableException>(() => _extractor.Extract(bytes.AsMemory(0, bytes.Length / 3), ContentTypes.Pdf));
    }
}
