using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Tests.Extraction;

/// <summary>PDFs holding a table, typeset by the tests with PdfPig's writer as a report generator would place it.</summary>
internal static class PdfTablePages
{
    /// <summary>A paragraph, a table of berths (header and three rows, three left-aligned columns), a closing paragraph.</summary>
    public static byte[] Moorings()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddText("Moorings assigned for the spring season.", 11, new PdfPoint(72, 760), font);
        string[][] rows = [["Berth", "Vessel", "Length"], ["B7", "Albatross", "42 m"], ["B8", "Cormorant", "38 m"], ["B12", "Sea Kestrel", "127 m"]];
        double[] columns = [72, 180, 320];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                page.AddText(rows[r][c], 11, new PdfPoint(columns[c], 720 - (r * 16)), font);
            }
        }
        page.AddText("Larger vessels use the outer harbour.", 11, new PdfPoint(72, 640), font);
        return builder.Build();
    }
}
