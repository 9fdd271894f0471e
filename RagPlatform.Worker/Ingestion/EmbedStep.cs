using Microsoft.Extensions.AI;
using Polly;
using RagPlatform.Core.Embeddings;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// One vector per chunk, in one batched call to the embedding generator. Each chunk is embedded with its
/// document's title in front (<see cref="EmbeddingInput"/>); the stored chunk text stays the text alone.
/// The call goes through the <c>embedding</c> pipeline; its failures (an open breaker included) are transient.
/// </summary>
public sealed class EmbedStep(IEmbeddingGenerator<string, Embedding<float>> generator, ResiliencePipeline pipeline) : IPipelineStep
{
    public string Name => PipelineSteps.Embed;

    public async Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var texts = new string[context.Chunks.Count];
        var title = context.EmbeddingTitle;
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = EmbeddingInput.For(title, context.Chunks[i].Text);
        }
        var embeddings = await pipeline.ExecuteAsync(
            async token => await generator.GenerateAsync(texts, cancellationToken: token), cancellationToken);
        if (embeddings.Count != texts.Length)
        {
            return StepResult.Transient($"The embedding generator returned {embeddings.Count} vectors for {texts.Length} chunks.", FailureReasons.EmbeddingMismatch);
        }
        context.Embeddings = embeddings.Select(e => e.Vector).ToArray();
        return StepResult.Success;
    }
}
