using RagPlatform.Core.Extraction;

namespace RagPlatform.Worker.Ingestion;

/// <summary>Content to plain text that keeps its structure (headings, paragraphs).</summary>
public sealed class ExtractStep(TextExtractor extractor) : IPipelineStep
{
    public string Name => PipelineSteps.Extract;

    public Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        if (!ContentTypes.IsSupported(job.ContentType))
        {
            return Task.FromResult(StepResult.Fatal($"Content type '{job.ContentType}' is not supported."));
        }
        context.Extracted = extractor.Extract(job.Content, job.ContentType);
        return Task.FromResult(string.IsNullOrWhiteSpace(context.Extracted.Text)
            ? StepResult.Fatal("The document contains no text to index.")
            : StepResult.Success);
    }
}
