using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// Makes the chunks searchable. In one transaction (IngestionQueue.CompleteAsync with DocumentStore.Indexed) it replaces the document's chunks, marks it
/// indexed, completes the job and appends to the index change log, the only way into any index (the
/// embedded indexes of every API instance and the worker's Qdrant projector follow it). Re-running it
/// converges: ids are deterministic and the old chunks are replaced, never added to.
/// </summary>
public sealed class IndexStep(IngestionQueue queue, DocumentStore documents) : IPipelineStep
{
    public string Name => PipelineSteps.Index;

    public async Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        var chunks = BuildChunks(context);

        var outcome = await queue.CompleteAsync(job, documents.Indexed(job.DocumentId, chunks, context.Chunks, context.Extracted?.Title), cancellationToken);
        // Not completed: the document was deleted or replaced meanwhile (its job went with it) or another worker took
        // the job over after our lease ran out. Either way this result must not be written, and was not.
        return outcome == CompletionOutcome.Completed ? StepResult.Success : StepResult.Lost($"The job is no longer held by this worker ({outcome}).");
    }

    private IndexedChunk[] BuildChunks(IngestionContext context)
    {
        var job = context.Job;
        var title = context.Title;
        var chunks = new IndexedChunk[context.Chunks.Count];
        for (var i = 0; i < chunks.Length; i++)
        {
            var chunk = context.Chunks[i];
            chunks[i] = new IndexedChunk(
                ChunkIds.For(job.DocumentId, job.ContentHash, chunk.Ordinal), job.DocumentId, job.Collection, title,
                chunk.Ordinal, chunk.Text, chunk.StartOffset, chunk.EndOffset, context.Embeddings[i],
                chunk.HeadingPath, context.PageNumbers.Count > i ? context.PageNumbers[i] : null, job.Metadata, job.Tenant,
                context.OcrConfidence.Count > i ? context.OcrConfidence[i] : null);
        }
        return chunks;
    }
}
