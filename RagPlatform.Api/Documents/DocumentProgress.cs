using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Documents;

/// <summary>
/// How far a document not yet indexed has come through embedding, the step that takes a large document's time:
/// <see cref="ChunksEmbedded"/> of <see cref="ChunkCount"/> (kept across attempts: a retry resumes from there), and the
/// estimated seconds left at the current attempt's pace (null until it has embedded a batch).
/// </summary>
public sealed record DocumentProgress(int ChunksEmbedded, int ChunkCount, double? EstimatedSecondsLeft)
{
    public static DocumentProgress? From(EmbeddingProgress? progress, DateTimeOffset now) => progress is null
        ? null
        : new(progress.ChunksEmbedded, progress.ChunkCount, progress.EstimatedTimeLeft(now) is { } left ? Math.Round(left.TotalSeconds, 1) : null);
}
