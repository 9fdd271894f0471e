using RagPlatform.Core.Documents;
using RagPlatform.Core.Extraction;
using RagPlatform.Core.Ocr;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// The uploaded bytes to plain text that keeps its structure (headings, paragraphs, pages). Images, and the scanned
/// pages of a PDF, are recognised (<see cref="OcrExtractor"/>), each page recognised recorded in <see cref="OcrProgressLog"/>
/// so the document shows a long scan advancing (none is recorded without one).
/// </summary>
public sealed class ExtractStep(TextExtractor extractor, OcrExtractor ocr, OcrProgressLog? progress = null) : IPipelineStep
{
    public string Name => PipelineSteps.Extract;

    public async Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        if (!ContentTypes.IsSupported(job.ContentType))
        {
            return StepResult.Fatal($"Content type '{job.ContentType}' is not supported.", FailureReasons.UnsupportedType);
        }
        OcrPageReport? report = progress is null ? null : (done, count, token) =>
            done == 0 ? progress.StartAsync(job.DocumentId, count, token) : progress.AdvanceAsync(job.DocumentId, done, token);
        try
        {
            context.Extracted = ContentTypes.IsImage(job.ContentType)
                ? await ocr.ImageAsync(job.Content, cancellationToken, report)
                : extractor.Extract(job.Content, job.ContentType);
            if (ContentTypes.Normalize(job.ContentType) == ContentTypes.Pdf)
            {
                context.Extracted = await ocr.CompletePdfAsync(job.Content, context.Extracted, cancellationToken, report);
            }
        }
        catch (DocumentUnreadableException ex)
        {
            // A corrupt file stays corrupt: fail now, never retry.
            return StepResult.Fatal(ex.Message, FailureReasons.Unreadable);
        }
        catch (OcrToolMissingException ex)
        {
            // Retrying cannot install it; the message names the package, and a retry after installing resumes.
            return StepResult.Fatal(ex.Message, FailureReasons.OcrUnavailable);
        }
        catch (OcrFailedException ex)
        {
            return StepResult.Fatal($"Text recognition failed: {ex.Message}", FailureReasons.Unreadable);
        }
        return string.IsNullOrWhiteSpace(context.Extracted.Text)
            ? StepResult.Fatal(ContentTypes.IsImage(job.ContentType) || context.Extracted.OcrConfidence is { Count: > 0 }
                ? "The document contains no text to index: text recognition found none (a blank page, or a scan too faint or small to read; rescan at 300 dpi)."
                : "The document contains no text to index (only markup, or pages without text or images).", FailureReasons.NoText)
            : StepResult.Success;
    }
}
