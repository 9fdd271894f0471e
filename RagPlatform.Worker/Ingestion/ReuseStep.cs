using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// Identical content already indexed in the same collection of the same tenant is not extracted, chunked and embedded
/// again: its chunks and vectors are copied (under this document's own chunk ids). Chunks are embedded with
/// their document's title, so only a document of the same title (both untitled counts) gives its vectors.
/// </summary>
public sealed class ReuseStep(DocumentStore documents) : IPipelineStep
{
    public string Name => PipelineSteps.Reuse;

    public async Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        if (await documents.FindReusableChunksAsync(context.Job, cancellationToken) is { } reused)
        {
            context.Chunks = reused.Chunks;
            context.Embeddings = reused.Embeddings;
            context.PageNumbers = reused.PageNumbers;
            context.OcrConfidence = reused.OcrConfidence;
            context.Satisfied.UnionWith([PipelineSteps.Extract, PipelineSteps.Chunk, PipelineSteps.Embed]);
        }
        return StepResult.Success;
    }
}
