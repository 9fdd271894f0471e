using Microsoft.Extensions.AI;

namespace RagPlatform.Worker.Ingestion;

/// <summary>One vector per chunk, in one batched call to the embedding generator.</summary>
public sealed class EmbedStep(IEmbeddingGenerator<string, Embedding<float>> generator) : IPipelineStep
{
    public string Name => PipelineSteps.Embed;

    public async Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var texts = new string[context.Chunks.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = context.Chunks[i].Text;
        }
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        if (embeddings.Count != texts.Length)
        {
            return StepResult.Transient($"The embedding generator returned {embeddings.Count} vectors for {texts.Length} chunks.", FailureReasons.EmbeddingMismatch);
        }
        context.Embeddings = embeddings.Select(e => e.Vector).ToArray();
        return StepResult.Success;
    }
}
