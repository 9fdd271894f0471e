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

    /// <summary>A DOCX: a Heading1, two body paragraphs, a Heading2, a 2x2 table, a closing paragraph.</summary>
    public static byte[] Docx(string? coreTitle = null)
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
            styles.Styles = new Styles(HeadingStyle("Heading1", "heading 1"), HeadingStyle("Heading2", "heading 2"));
            main.Document = new Document(new Body(
                Paragraph("Installation Guide", "Heading1"),
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

    private static Style HeadingStyle(string id, string name) =>
        new(new StyleName { Val = name }, new StyleParagraphProperties(new OutlineLevel { Val = int.Parse(id[^1..]) - 1 }))
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
