using System.Globalization;
using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Ocr;

/// <summary>Renders one PDF page to a greyscale PNG with poppler's pdftoppm, for tesseract to read.</summary>
public sealed class PdfPageRenderer(IOptions<OcrOptions> options)
{
    public const string Package = "poppler-utils";

    /// <summary>Page <paramref name="page"/> (from 1) of the PDF at <paramref name="pdfPath"/>, as a PNG in <paramref name="directory"/>.</summary>
    public async Task<string> RenderAsync(string pdfPath, int page, string directory, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var number = page.ToString(CultureInfo.InvariantCulture);
        var prefix = Path.Combine(directory, $"page-{number}");
        await ToolProcess.RunAsync(settings.PdftoppmPath, Package,
            ["-r", settings.Dpi.ToString(CultureInfo.InvariantCulture), "-f", number, "-l", number, "-gray", "-png", "-singlefile", pdfPath, prefix],
            settings.PageTimeout, settings.MaxOutputBytes, cancellationToken);
        var image = prefix + ".png";
        if (!File.Exists(image) || new FileInfo(image).Length > settings.MaxOutputBytes)
        {
            throw new OcrFailedException($"pdftoppm did not render page {page} to an image of at most {settings.MaxOutputBytes} bytes (Ocr:MaxOutputBytes).");
        }
        return image;
    }
}
