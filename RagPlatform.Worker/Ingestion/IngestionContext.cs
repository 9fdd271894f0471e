using RagPlatform.Core.Chunking;
using RagPlatform.Core.Extraction;

namespace RagPlatform.Worker.Ingestion;

/// <summary>What the steps hand each other while one document goes through the pipeline.</summary>
public sealed class IngestionContext(IngestionJob job, string workerId)
{
    public IngestionJob Job { get; } = job;

    public string WorkerId { get; } = workerId;

    public ExtractedText? Extracted { get; set; }

    public IReadOnlyList<TextChunk> Chunks { get; set; } = [];

    /// <summary>One normalised vector per chunk, in chunk order.</summary>
    public IReadOnlyList<ReadOnlyMemory<float>> Embeddings { get; set; } = [];
}
