using System.Diagnostics;
using RagPlatform.Tests.Extraction;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Tests.Ingestion;

/// <summary>
/// Scans made by the tests: text typeset into a PDF, rendered to a PNG by poppler's pdftoppm (the real binary), and that
/// image wrapped into a PDF without a text layer, as a scanner writes it.
/// </summary>
internal static class ScannedDocuments
{
    /// <summary>A PNG of an A4 page holding <paramref name="lines"/> in 14-point Helvetica, at 150 dpi.</summary>
    public static byte[] Png(params string[] lines) => Image("png", lines);

    /// <summary>
    /// <paramref name="lines"/> typed on a page and rendered by the real pdftoppm to an image without a text layer, as a
    /// scanner or a phone would deliver it: <paramref name="format"/> is png, jpeg or tiff.
    /// </summary>
    public static byte[] Image(string format, params string[] lines)
    {
        var extension = format switch { "png" => "png", "jpeg" => "jpg", "tiff" => "tif", _ => throw new ArgumentOutOfRangeException(nameof(format)) };
        var directory = Directory.CreateTempSubdirectory("rag-scan-test-").FullName;
        try
        {
            var pdf = Path.Combine(directory, "page.pdf");
            File.WriteAllBytes(pdf, TestDocuments.Pdf(null, [lines]));
            // Scanners write TIFF compressed: an uncompressed A4 page at 150 dpi is 6.5 MB.
            string[] compression = format == "tiff" ? ["-tiffcompression", "lzw"] : [];
            using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-r", "150", $"-{format}", .. compression, "-singlefile", pdf, Path.Combine(directory, "page")])
            {
                RedirectStandardError = true,
            })!;
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "pdftoppm did not finish");
            Assert.Equal(0, process.ExitCode);
            return File.ReadAllBytes(Path.Combine(directory, $"page.{extension}"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A PDF whose first page has a text layer with <paramref name="typedLine"/> and whose second is <paramref name="scan"/>, an image only.</summary>
    public static byte[] PdfWithScannedPage(string typedLine, byte[] scan)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var typed = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        typed.AddText(typedLine, 12, new PdfPoint(72, 780), font);
        AddScan(builder, scan);
        return builder.Build();
    }

    /// <summary>A PDF of scanned pages only, one per PNG, as a scanner writes a stack of paper.</summary>
    public static byte[] ScannedPdf(params byte[][] scans)
    {
        var builder = new PdfDocumentBuilder();
        foreach (var scan in scans)
        {
            AddScan(builder, scan);
        }
        return builder.Build();
    }

    private static void AddScan(PdfDocumentBuilder builder, byte[] scan)
    {
        var scanned = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        scanned.AddPng(scan, new PdfRectangle(0, 0, scanned.PageSize.Width, scanned.PageSize.Height));
    }
}
