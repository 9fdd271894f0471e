using RagPlatform.Core.Extraction;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Tests.Extraction;

/// <summary>Tables in PDFs come out as Markdown tables when their columns clearly line up, and as running text otherwise.</summary>
public sealed class PdfTableTests
{
    private readonly TextExtractor _extractor = new();

    [Fact]
    public void AlignedColumnsBecomeAMarkdownTableBetweenTheParagraphsAroundIt()
    {
        var pdf = PdfTablePages.Moorings();

        var text = _extractor.Extract(pdf, ContentTypes.Pdf).Text;

        Assert.Equal(
            "Moorings assigned for the spring season.\n\n" +
            "| Berth | Vessel | Length |\n| --- | --- | --- |\n| B7 | Albatross | 42 m |\n| B8 | Cormorant | 38 m |\n| B12 | Sea Kestrel | 127 m |\n\n" +
            "Larger vessels use the outer harbour.",
            text);
    }

    [Fact]
    public void ARightAlignedNumberColumnStillLinesUp()
    {
        var pdf = Page(
            (72, 700, "Item"), (300, 700, "Price"),
            (72, 685, "Rope"), (303, 685, "12.50"),
            (72, 670, "Shackle"), (309, 670, "3.20"),
            (72, 655, "Fender"), (297, 655, "140.00"));

        var text = _extractor.Extract(pdf, ContentTypes.Pdf).Text;

        Assert.Contains("| Shackle | 3.20 |", text);
    }

    [Fact]
    public void WordsWithWideGapsThatDoNotLineUpStayRunningText()
    {
        // Three lines cut by wide gaps, but the second "column" starts at a different place on each: no table.
        var pdf = Page(
            (72, 700, "Tide"), (140, 700, "high at noon"),
            (72, 685, "Wind from the west"), (260, 685, "force four"),
            (72, 670, "Swell"), (110, 670, "low"));

        var text = _extractor.Extract(pdf, ContentTypes.Pdf).Text;

        Assert.DoesNotContain("|", text);
        Assert.Contains("force four", text);
    }

    /// <summary>One A4 page with each text at its position, in Helvetica 11.</summary>
    private static byte[] Page(params (double X, double Y, string Text)[] texts)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        foreach (var (x, y, text) in texts)
        {
            page.AddText(text, 11, new PdfPoint(x, y), font);
        }
        return builder.Build();
    }
}
