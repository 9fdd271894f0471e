using RagPlatform.Core.Chunking;
using RagPlatform.Core.Extraction;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// Text to chunks sized in the embedding model's tokens, split at paragraphs and sentences. A page recognised from an
/// image (OCR) is chunked on its own, so a chunk is either read or recognised, never both, and a recognised chunk's
/// page and confidence are exactly its page's.
/// </summary>
public sealed class ChunkStep(TextChunker chunker) : IPipelineStep
{
    public string Name => PipelineSteps.Chunk;

    public Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var extracted = context.Extracted!;
        if (extracted is { PageStarts: { Count: > 0 } starts, OcrConfidence: { Count: > 0 } recognized })
        {
            ChunkBySource(context, extracted.Text, starts, recognized);
        }
        else
        {
            context.Chunks = chunker.Chunk(extracted.Text);
            if (extracted.PageStarts is { Count: > 0 } pageStarts)
            {
                context.PageNumbers = context.Chunks.Select(c => (int?)PageNumbers.ForOffset(pageStarts, c.StartOffset)).ToArray();
            }
        }
        return Task.FromResult(context.Chunks.Count == 0
            ? StepResult.Fatal("The document contains no text to index.", FailureReasons.NoText)
            : StepResult.Success);
    }

    private void ChunkBySource(IngestionContext context, string text, IReadOnlyList<int> starts, IReadOnlyDictionary<int, double> recognized)
    {
        var chunks = new List<TextChunk>();
        var pages = new List<int?>();
        var confidence = new List<double?>();
        foreach (var (start, end, page, ocr) in Segments(text.Length, starts, recognized))
        {
            foreach (var chunk in chunker.Chunk(text[start..end]))
            {
                var offset = start + chunk.StartOffset;
                chunks.Add(chunk with { Ordinal = chunks.Count, StartOffset = offset, EndOffset = start + chunk.EndOffset });
                pages.Add(ocr is null ? PageNumbers.ForOffset(starts, offset) : page);
                confidence.Add(ocr);
            }
        }
        context.Chunks = chunks;
        context.PageNumbers = pages;
        context.OcrConfidence = confidence;
    }

    /// <summary>Runs of consecutive read pages, and each recognised page alone: (start, end, first page, OCR confidence or null).</summary>
    private static IEnumerable<(int Start, int End, int Page, double? Ocr)> Segments(int length, IReadOnlyList<int> starts, IReadOnlyDictionary<int, double> recognized)
    {
        var runStart = -1;
        var runPage = 0;
        for (var page = 1; page <= starts.Count; page++)
        {
            var start = starts[page - 1];
            var end = page < starts.Count ? starts[page] : length;
            if (!recognized.TryGetValue(page, out var ocr))
            {
                if (runStart < 0)
                {
                    (runStart, runPage) = (start, page);
                }
                continue;
            }
            if (runStart >= 0 && start > runStart)
            {
                yield return (runStart, start, runPage, null);
            }
            runStart = -1;
            if (end > start)
            {
                yield return (start, end, page, ocr);
            }
        }
        if (runStart >= 0 && length > runStart)
        {
            yield return (runStart, length, runPage, null);
        }
    }
}
