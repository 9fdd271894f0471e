using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace RagPlatform.Core.Extraction;

/// <summary>
/// PDF text layer to structured plain text. Per page, letters are grouped into words (nearest neighbour), words into
/// blocks (Docstrum), blocks sorted into reading order; each block becomes a paragraph, so columns are not interleaved.
/// Rows of words that line up in clear columns become a Markdown table (<see cref="PdfTables"/>).
/// Pages are separated by a blank line and their start offsets are kept. A PDF without a text layer (scanned) gives
/// empty text. Title = the document information's Title.
/// </summary>
public sealed class PdfTextExtractor : IBinaryTextExtractor
{
    public string ContentType => ContentTypes.Pdf;

    public ExtractedText Extract(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var document = PdfDocument.Open(content);
            var text = new StringBuilder();
            var pageStarts = new List<int>(document.NumberOfPages);
            var pagesWithoutText = 0;
            foreach (var page in document.GetPages())
            {
                var pageText = PageText(page);
                if (pageText.Length > 0 && text.Length > 0)
                {
                    text.Append("\n\n");
                }

                // An empty page starts where the next page's text does, so offsets never point into it.
                for (; pagesWithoutText > 0; pagesWithoutText--)
                {
                    pageStarts.Add(text.Length);
                }

                if (pageText.Length == 0)
                {
                    pagesWithoutText++;
                    continue;
                }

                pageStarts.Add(text.Length);
                text.Append(pageText);
            }

            pageStarts.AddRange(Enumerable.Repeat(text.Length, pagesWithoutText));
            var title = StructuredTextWriter.CollapseWhitespace(document.Information.Title ?? string.Empty);
            return new ExtractedText(text.ToString(), title.Length == 0 ? null : title, pageStarts);
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new DocumentUnreadableException("The PDF could not be read: it is encrypted with a password.", e);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // PdfPig reports damage through many exception types (format, stream, font, index errors).
            throw new DocumentUnreadableException($"The PDF could not be read: {e.Message}", e);
        }
    }

    /// <summary>The page's paragraphs in reading order, normalised, so that offsets survive any later clean-up.</summary>
    private static string PageText(Page page)
    {
        if (page.Letters.Count == 0)
        {
            return string.Empty;
        }

        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters).ToList();
        // Tables are taken out first: Docstrum would cut a table into a block per cell or run its rows together.
        var tables = PdfTables.Find(words);
        var inTables = tables.SelectMany(table => table.Words).ToHashSet();
        var rest = words.Where(word => !inTables.Contains(word)).ToList();
        var blocks = rest.Count > 0 ? DocstrumBoundingBoxes.Instance.GetBlocks(rest).ToList() : [];
        if (blocks.Count == 0 && tables.Count == 0)
        {
            return TextNormalizer.Normalize(ContentOrderTextExtractor.GetText(page, addDoubleNewline: true));
        }

        var tableRows = tables.ToDictionary<PdfTables.Table, TextBlock, IReadOnlyList<IReadOnlyList<string>>>(table => table.Block, table => table.Rows, ReferenceEqualityComparer.Instance);
        var paragraphs = UnsupervisedReadingOrderDetector.Instance.Get([.. blocks, .. tables.Select(table => table.Block)])
            .Select(block => tableRows.TryGetValue(block, out var rows) ? MarkdownTable.Format(rows) : Paragraph(block))
            .Where(p => p.Length > 0);
        return TextNormalizer.Normalize(string.Join("\n\n", paragraphs));
    }

    /// <summary>A block's lines joined into one paragraph; a word hyphenated across a line break is joined again.</summary>
    private static string Paragraph(TextBlock block)
    {
        var paragraph = new StringBuilder();
        foreach (var line in block.TextLines)
        {
            var text = StructuredTextWriter.CollapseWhitespace(line.Text);
            if (text.Length == 0)
            {
                continue;
            }

            if (paragraph.Length > 0)
            {
                var hyphenated = paragraph.Length > 1 && paragraph[^1] == '-' && char.IsLetter(paragraph[^2]) && char.IsLower(text[0]);
                if (hyphenated)
                {
                    paragraph.Length--;
                }
                else
                {
                    paragraph.Append(' ');
                }
            }

            paragraph.Append(text);
        }

        return paragraph.ToString();
    }
}
