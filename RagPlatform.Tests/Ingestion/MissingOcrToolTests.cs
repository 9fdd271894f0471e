using Microsoft.Extensions.Options;
using RagPlatform.Core.Extraction;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Ocr;
using RagPlatform.Worker.Ingestion;

namespace RagPlatform.Tests.Ingestion;

/// <summary>A worker without tesseract or pdftoppm fails what needs them, naming the package, and reads everything else.</summary>
public sealed class MissingOcrToolTests
{
    private static readonly ExtractStep Step = new(new TextExtractor(), Ocr(new OcrOptions
    {
        TesseractPath = "/nonexistent/tesseract",
        PdftoppmPath = "/nonexistent/pdftoppm",
    }));

    [Fact]
    public async Task AnImageFailsForGoodWithTheDebianPackageToInstall()
    {
        var result = await Step.ExecuteAsync(Context(ScannedDocuments.Png("Anything at all"), "image/png"), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.FatalError, result.Outcome);
        Assert.Contains("install the Debian package tesseract-ocr", result.Error);
    }

    [Fact]
    public async Task AScannedPdfFailsNamingPopplerUtilsForTheRenderer()
    {
        var pdf = ScannedDocuments.PdfWithScannedPage("A typed page.", ScannedDocuments.Png("A scanned page."));

        var result = await Step.ExecuteAsync(Context(pdf, "application/pdf"), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.FatalError, result.Outcome);
        Assert.Contains("install the Debian package poppler-utils", result.Error);
    }

    [Fact]
    public async Task ATypedPdfAndTextAreReadWithoutThem()
    {
        var pdf = Extraction.TestDocuments.Pdf(null, [["Typed text needs no recognition."]]);

        var fromPdf = new IngestionContext(Job(pdf, "application/pdf"));
        Assert.Equal(StepOutcome.Success, (await Step.ExecuteAsync(fromPdf, TestContext.Current.CancellationToken)).Outcome);
        var fromText = new IngestionContext(Job("Plain words."u8.ToArray(), "text/plain"));
        Assert.Equal(StepOutcome.Success, (await Step.ExecuteAsync(fromText, TestContext.Current.CancellationToken)).Outcome);
        Assert.Contains("Typed text needs no recognition.", fromPdf.Extracted!.Text);
    }

    private static OcrExtractor Ocr(OcrOptions options) =>
        new(new TesseractOcr(Options.Create(options)), new PdfPageRenderer(Options.Create(options)), Options.Create(options));

    private static IngestionContext Context(byte[] content, string contentType) => new(Job(content, contentType));

    private static IngestionJob Job(byte[] content, string contentType) =>
        new(1, "w", 1, "default/doc", "default", null, null, contentType, content, new byte[32], null, "default");
}
