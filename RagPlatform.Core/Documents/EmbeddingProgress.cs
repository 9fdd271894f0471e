namespace RagPlatform.Core.Documents;

/// <summary>
/// How far the embedding of a document has come: <paramref name="ChunksEmbedded"/> of <paramref name="ChunkCount"/>, the
/// attempt running since <paramref name="StartedAt"/> having found <paramref name="ResumedFrom"/> already done, last
/// advanced at <paramref name="UpdatedAt"/>.
/// </summary>
public sealed record EmbeddingProgress(int ChunkCount, int ChunksEmbedded, int ResumedFrom, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// Time left at this attempt's own pace (chunks it embedded over the time it took), counted from its last step
    /// forward; null until it has embedded something. Earlier attempts' chunks are left out of the pace: they cost
    /// this attempt nothing.
    /// </summary>
    public TimeSpan? EstimatedTimeLeft(DateTimeOffset now) =>
        Pace.TimeLeft(ChunkCount, ChunksEmbedded, ChunksEmbedded - ResumedFrom, StartedAt, UpdatedAt, now);
}
