using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Tests.Extraction;

/// <summary>Real PDF and DOCX files built in memory, so no binary fixtures are committed.</summary>
internal static class TestDocuments
{
    /// <summary>A PDF with one page per entry; each page holds paragraphs of lines, in Helvetica 12.</summary>
    public static byte[] Pdf(string? title, params string[][][] pages)
    {
        var builder = new PdfDocumentBuilder();
        if (title is not null)
        {
            builder.DocumentInformation.Title = title;
        }

        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var paragraphs in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            var y = 780.0;
            foreach (var lines in paragraphs)
            {
                foreach (var line in lines)
                {
                    page.AddText(line, 12, new PdfPoint(72, y), font);
                    y -= 15;
                }

                y -= 30;
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// A DOCX: a Heading1, two body paragraphs, a Heading2, a 2x2 table, a closing paragraph. Word localises style
    /// ids ("berschrift1" in German) but not built-in style names; <paramref name="heading1Id"/> mimics that.
    /// </summary>
    public static byte[] Docx(string? coreTitle = null, string heading1Id = "Heading1")
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            if (coreTitle is not null)
            {
                document.PackageProperties.Title = coreTitle;
            }

            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(HeadingStyle(heading1Id, "heading 1", 0), HeadingStyle("Heading2", "heading 2", 1));
            main.Document = new Document(new Body(
                Paragraph("Installation Guide", heading1Id),
                Paragraph("The installer copies the files."),
                Paragraph("Then it starts the service."),
                Paragraph("Requirements", "Heading2"),
                new Table(
                    new TableRow(Cell("Component"), Cell("Version")),
                    new TableRow(Cell("Runtime"), Cell("10.0"))),
                Paragraph("Done.")));
        }

        return stream.ToArray();
    }

    private static Style HeadingStyle(string id, string name, int outlineLevel) =>
        new(new StyleName { Val = name }, new StyleParagraphProperties(new OutlineLevel { Val = outlineLevel }))
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };

    private static Paragraph Paragraph(string text, string? styleId = null)
    {
        var paragraph = new Paragraph(new Run(new Text(text)));
        if (styleId is not null)
        {
            paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = styleId }));
        }

        return paragraph;
    }

    private static TableCell Cell(string text) => new(Paragraph(text));
}
