using RagPlatform.Core.Extraction;

namespace RagPlatform.Worker.Ingestion;

/// <summary>The uploaded bytes to plain text that keeps its structure (headings, paragraphs, pages).</summary>
public sealed class ExtractStep(TextExtractor extractor) : IPipelineStep
{
    public string Name => PipelineSteps.Extract;

    public Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        if (!ContentTypes.IsSupported(job.ContentType))
        {
            return Task.FromResult(StepResult.Fatal($"Content type '{job.ContentType}' is not supported.", FailureReasons.UnsupportedType));
        }
        try
        {
            context.Extracted = extractor.Extract(job.Content, job.ContentType);
        }
        catch (DocumentUnreadableException ex)
        {
            // A corrupt file stays corrupt: fail now, never retry.
            return Task.FromResult(StepResult.Fatal(ex.Message, FailureReasons.Unreadable));
        }
        return Task.FromResult(string.IsNullOrWhiteSpace(context.Extracted.Text)
            ? StepResult.Fatal("The document contains no text to index (a scanned PDF without a text layer, or only markup).", FailureReasons.NoText)
            : StepResult.Success);
    }
}
