using RagPlatform.Core.Chunking;
using RagPlatform.Core.Extraction;

namespace RagPlatform.Worker.Ingestion;

/// <summary>Text to chunks sized in the embedding model's tokens, split at paragraphs and sentences.</summary>
public sealed class ChunkStep(TextChunker chunker) : IPipelineStep
{
    public string Name => PipelineSteps.Chunk;

    public Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var extracted = context.Extracted!;
        context.Chunks = chunker.Chunk(extracted.Text);
        if (extracted.PageStarts is { Count: > 0 } pageStarts)
        {
            context.PageNumbers = context.Chunks.Select(c => (int?)PageNumbers.ForOffset(pageStarts, c.StartOffset)).ToArray();
        }
        return Task.FromResult(context.Chunks.Count == 0
            ? StepResult.Fatal("The document contains no text to index.", FailureReasons.NoText)
            : StepResult.Success);
    }
}
