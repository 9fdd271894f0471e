using System.Text;
using RagPlatform.Core.Extraction;

namespace RagPlatform.Core.Ocr;

/// <summary>An extracted text taken apart into its pages and put back together, so recognised pages can replace empty ones.</summary>
internal static class PagedText
{
    /// <summary>Each page's text, page 1 first (empty for a page without text).</summary>
    public static string[] Split(ExtractedText extracted, int pageCount)
    {
        var starts = extracted.PageStarts ?? [0];
        var pages = new string[pageCount];
        for (var i = 0; i < pageCount; i++)
        {
            var start = i < starts.Count ? starts[i] : extracted.Text.Length;
            var end = i + 1 < starts.Count ? starts[i + 1] : extracted.Text.Length;
            pages[i] = extracted.Text[start..end].Trim();
        }
        return pages;
    }

    /// <summary>Pages joined by a blank line, with their starts as the PDF extractor records them (an empty page starts where the next text does).</summary>
    public static ExtractedText Join(IReadOnlyList<string> pages, string? title, IReadOnlyDictionary<int, double> ocrConfidence)
    {
        var text = new StringBuilder();
        var starts = new List<int>(pages.Count);
        var empty = 0;
        foreach (var page in pages)
        {
            if (page.Length == 0)
            {
                empty++;
                continue;
            }
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }
            starts.AddRange(Enumerable.Repeat(text.Length, empty + 1));
            empty = 0;
            text.Append(page);
        }
        starts.AddRange(Enumerable.Repeat(text.Length, empty));
        return new ExtractedText(text.ToString(), title, starts, ocrConfidence);
    }
}
