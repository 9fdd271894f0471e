using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Timeout;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// One vector per chunk, embedded in bounded batches (<see cref="IngestionOptions.EmbeddingChunksPerCall"/>), each a call
/// of its own through the <c>embedding</c> pipeline and so under its own timeout: a document of any size finishes if
/// each batch does. Each batch's vectors are saved (<see cref="EmbeddingCheckpoints"/>) before the next starts, so a
/// retry, a lease takeover or a restart embeds only what is left. Each chunk is embedded with its document's title in
/// front (<see cref="EmbeddingInput"/>); the stored chunk text stays the text alone. Failures (an open breaker
/// included) are transient.
/// </summary>
/// <remarks>
/// Bounded calls are also what keeps a large document from holding the others up: it has one batch in the embedding
/// model at a time, like every other document in flight, so the worker's loops share the model batch by batch instead
/// of waiting for one document's thousands of chunks.
/// </remarks>
public sealed class EmbedStep(
    IEmbeddingGenerator<string, Embedding<float>> generator, ResiliencePipeline pipeline, EmbeddingCheckpoints checkpoints, int chunksPerCall)
    : IPipelineStep
{
    private readonly byte[] _model = Encoding.UTF8.GetBytes(
        generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? generator.GetType().FullName ?? "");

    public string Name => PipelineSteps.Embed;

    public async Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var key = context.Job.DocumentId;
        var count = context.Chunks.Count;
        var texts = new string[count];
        var hashes = new byte[count][];
        var vectors = new ReadOnlyMemory<float>[count];
        var saved = await checkpoints.LoadAsync(key, cancellationToken);
        var left = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            texts[i] = EmbeddingInput.For(context.EmbeddingTitle, context.Chunks[i].Text);
            hashes[i] = InputHash(texts[i]);
            if (saved.TryGetValue(context.Chunks[i].Ordinal, out var vector) && vector.InputHash.AsSpan().SequenceEqual(hashes[i]))
            {
                vectors[i] = vector.Embedding;
            }
            else
            {
                left.Add(i);
            }
        }

        var embedded = count - left.Count;
        await checkpoints.StartAsync(key, count, embedded, cancellationToken);
        foreach (var batch in left.Chunk(chunksPerCall))
        {
            var inputs = batch.Select(i => texts[i]).ToArray();
            GeneratedEmbeddings<Embedding<float>> embeddings;
            try
            {
                embeddings = await pipeline.ExecuteAsync(
                    async token => await generator.GenerateAsync(inputs, cancellationToken: token), cancellationToken);
            }
            catch (TimeoutRejectedException ex)
            {
                return StepResult.Transient(
                    $"Embedding {inputs.Length} chunks (of {count}) did not finish within {ex.Timeout}. The {embedded} chunks embedded so " +
                    "far are kept and the next attempt resumes after them. If this repeats, the embedding model is overloaded or slower " +
                    "than this deployment expects: raise Resilience:embedding:Timeout or lower Ingestion:EmbeddingChunksPerCall.",
                    FailureReasons.EmbeddingTimeout);
            }
            if (embeddings.Count != inputs.Length)
            {
                return StepResult.Transient(
                    $"The embedding model returned {embeddings.Count} vectors for {inputs.Length} chunks; the next attempt embeds them again.",
                    FailureReasons.EmbeddingMismatch);
            }

            var batchVectors = new CheckpointedVector[batch.Length];
            for (var j = 0; j < batch.Length; j++)
            {
                var i = batch[j];
                vectors[i] = embeddings[j].Vector;
                batchVectors[j] = new CheckpointedVector(context.Chunks[i].Ordinal, hashes[i], vectors[i]);
            }
            embedded += batch.Length;
            await checkpoints.SaveAsync(key, batchVectors, embedded, cancellationToken);
        }
        context.Embeddings = vectors;
        return StepResult.Success;
    }

    /// <summary>The model and the exact input: a saved vector is reused only for the same text embedded by the same model.</summary>
    private byte[] InputHash(string input)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(_model);
        hash.AppendData([0]);
        hash.AppendData(Encoding.UTF8.GetBytes(input));
        return hash.GetHashAndReset();
    }
}
