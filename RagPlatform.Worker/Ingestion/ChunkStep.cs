using RagPlatform.Core.Chunking;

namespace RagPlatform.Worker.Ingestion;

/// <summary>Text to chunks sized in the embedding model's tokens, split at paragraphs and sentences.</summary>
public sealed class ChunkStep(TextChunker chunker) : IPipelineStep
{
    public string Name => PipelineSteps.Chunk;

    public Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        context.Chunks = chunker.Chunk(context.Extracted!.Text);
        return Task.FromResult(context.Chunks.Count == 0
            ? StepResult.Fatal("The document contains no text to index.")
            : StepResult.Success);
    }
}
