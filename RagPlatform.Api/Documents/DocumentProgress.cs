using System.Text.Json.Serialization;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Documents;

/// <summary>
/// How far a document not yet indexed has come through the steps that take a large document's time. Embedding:
/// <see cref="ChunksEmbedded"/> of <see cref="ChunkCount"/> (kept across attempts: a retry resumes from there; null until
/// embedding starts). Text recognition of a scan: <see cref="PagesRecognised"/> of <see cref="PageCount"/>, the pages that
/// need it (absent for a document without any). <see cref="EstimatedSecondsLeft"/> is for the step running, at the
/// current attempt's pace (null until it has done a batch or a page).
/// </summary>
public sealed record DocumentProgress(
    int? ChunksEmbedded,
    int? ChunkCount,
    double? EstimatedSecondsLeft,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PagesRecognised = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PageCount = null)
{
    public static DocumentProgress? From(EmbeddingProgress? embedding, OcrProgress? ocr, DateTimeOffset now)
    {
        if (embedding is null && ocr is null)
        {
            return null;
        }
        // Recognition comes before embedding: once embedding has started, its estimate is the one that matters.
        var left = embedding is not null ? embedding.EstimatedTimeLeft(now) : ocr!.EstimatedTimeLeft(now);
        return new(embedding?.ChunksEmbedded, embedding?.ChunkCount, left is { } time ? Math.Round(time.TotalSeconds, 1) : null,
            ocr?.PagesRecognised, ocr?.PageCount);
    }
}
