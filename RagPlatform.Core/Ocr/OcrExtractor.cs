using Microsoft.Extensions.Options;
using RagPlatform.Core.Extraction;
using UglyToad.PdfPig;

namespace RagPlatform.Core.Ocr;

/// <summary>
/// Text from pixels: an image upload is recognised whole; in a PDF, each page with an image and too little text layer
/// for its area (<see cref="OcrOptions.MinCharactersPerSquareInch"/>) is rendered and recognised, and its text replaces
/// the page's. The files the tools need live in a temporary directory removed afterwards.
/// </summary>
public sealed class OcrExtractor(TesseractOcr tesseract, PdfPageRenderer renderer, IOptions<OcrOptions> options)
{
    private const double PointsPerSquareInch = 72.0 * 72.0;

    public async Task<ExtractedText> ImageAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken, OcrPageReport? report = null)
    {
        report ??= NoReport;
        await report(0, 1, cancellationToken);
        using var directory = new ScratchDirectory();
        var image = await directory.WriteAsync("upload.img", content, cancellationToken);
        var page = await tesseract.RecognizeAsync(image, cancellationToken);
        await report(1, 1, cancellationToken);
        return PagedText.Join([page.Text], null, new Dictionary<int, double> { [1] = page.Confidence });
    }

    /// <summary>The PDF's text layer with its scanned pages recognised; the text layer itself when no page needs it.</summary>
    public async Task<ExtractedText> CompletePdfAsync(
        ReadOnlyMemory<byte> content, ExtractedText textLayer, CancellationToken cancellationToken, OcrPageReport? report = null)
    {
        var (scanned, pageCount) = ScannedPages(content);
        if (scanned.Count == 0)
        {
            return textLayer;
        }
        report ??= NoReport;
        await report(0, scanned.Count, cancellationToken);

        var pages = PagedText.Split(textLayer, pageCount);
        var confidence = new Dictionary<int, double>();
        using var directory = new ScratchDirectory();
        var pdf = await directory.WriteAsync("upload.pdf", content, cancellationToken);
        foreach (var page in scanned)
        {
            var image = await renderer.RenderAsync(pdf, page, directory.Path, cancellationToken);
            var recognized = await tesseract.RecognizeAsync(image, cancellationToken);
            File.Delete(image);
            pages[page - 1] = recognized.Text;
            confidence[page] = recognized.Confidence;
            await report(confidence.Count, scanned.Count, cancellationToken);
        }
        return PagedText.Join(pages, textLayer.Title, confidence);
    }

    private static Task NoReport(int pagesRecognised, int pageCount, CancellationToken cancellationToken) => Task.CompletedTask;

    private (List<int> Scanned, int PageCount) ScannedPages(ReadOnlyMemory<byte> content)
    {
        var threshold = options.Value.MinCharactersPerSquareInch;
        using var document = PdfDocument.Open(content);
        var scanned = new List<int>();
        foreach (var page in document.GetPages())
        {
            var characters = page.Letters.Count(letter => !string.IsNullOrWhiteSpace(letter.Value));
            var squareInches = page.Width * page.Height / PointsPerSquareInch;
            if (characters < threshold * squareInches && page.GetImages().Any())
            {
                scanned.Add(page.Number);
            }
        }
        return (scanned, document.NumberOfPages);
    }
}
