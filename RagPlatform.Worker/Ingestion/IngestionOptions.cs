using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// How a worker process takes work, section "Ingestion". The queue's leases and retries are in the same section, read by
/// IngestionQueueOptions.
/// </summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Longest wait for new work when no notification arrives.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Jobs processed at once by this process. While one batch of documents is embedded, the others
    /// are written, claimed, extracted and chunked, and queue for the next batch: with enough in
    /// flight the embedding model never waits for I/O.
    /// </summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// Most chunks embedded in one merged call across the documents in flight. 1 by default: with the int8 model a
    /// batch pads every text to its longest and quantizes its activations with one scale for the whole batch, so
    /// batches were slower (SciFact: 15.1 documents/s at 32, 20.3 at 1, see docs/benchmarks.md) and made a chunk's
    /// vector depend on its neighbours; one text per call keeps every core busy and vectors reproducible.
    /// </summary>
    [Range(1, 1024)]
    public int EmbeddingBatchSize { get; set; } = 1;

    /// <summary>
    /// Embedding batches run at once; 0 means one per core. Pair it with
    /// Embeddings:MiniLm:IntraOpThreads = 1 so each batch runs on one core.
    /// </summary>
    [Range(0, 64)]
    public int EmbeddingParallelism { get; set; }

    /// <summary>
    /// Most chunks of one document embedded in one call, under one timeout of the embedding pipeline, and saved before the
    /// next call: bounds the work a timeout or crash can lose, and the time any other document waits for the model.
    /// </summary>
    [Range(1, 4096)]
    public int EmbeddingChunksPerCall { get; set; } = 64;
}
