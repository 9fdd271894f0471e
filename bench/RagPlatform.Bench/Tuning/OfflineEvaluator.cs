using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using RagPlatform.Bench.Evaluation;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Bench.Tuning;

/// <summary>
/// Loads cached chunks and vectors into a real <see cref="EmbeddedSearchIndex"/> and scores the judged queries
/// through <see cref="EmbeddedSearchIndex.SearchAsync"/>, exactly as the API would search it, with the same
/// top K and document-level measures as the eval command.
/// </summary>
public static class OfflineEvaluator
{
    private const string Collection = "tune";

    /// <returns>The mean measures, and the median time of one <see cref="EmbeddedSearchIndex.SearchAsync"/> call in milliseconds.</returns>
    public static async Task<(double Ndcg10, double Recall100, double Mrr10, double SearchP50Ms)> RunAsync(
        TuneVariant variant,
        IReadOnlyList<TuneChunk> chunks,
        Func<TuneChunk, float[]> vectorOf,
        IReadOnlyList<(string Id, string Text, float[] Vector)> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        int topK,
        CancellationToken cancellationToken)
    {
        using var index = new EmbeddedSearchIndex(options: variant.Retrieval);
        index.Load(chunks.Select(chunk => new IndexedChunk(
            ChunkId(chunk), chunk.CorpusId, Collection, chunk.Title, chunk.Ordinal, chunk.Text, chunk.StartOffset, chunk.EndOffset,
            vectorOf(chunk))));

        double ndcg = 0, recall = 0, mrr = 0;
        var times = new List<double>(queries.Count);
        foreach (var (id, text, vector) in queries)
        {
            var request = new SearchRequest(variant.Keyword ? text : "", variant.Dense ? vector : ReadOnlyMemory<float>.Empty, topK, Collection);
            var started = Stopwatch.GetTimestamp();
            var hits = await index.SearchAsync(request, cancellationToken);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var ranking = RetrievalMetrics.DistinctDocuments(hits.Select(hit => hit.DocumentId));
            ndcg += RetrievalMetrics.NdcgAt(ranking, qrels[id], 10);
            recall += RetrievalMetrics.RecallAt(ranking, qrels[id], 100);
            mrr += RetrievalMetrics.ReciprocalRankAt(ranking, qrels[id], 10);
        }

        var n = Math.Max(queries.Count, 1);
        times.Sort();
        return (ndcg / n, recall / n, mrr / n, times.Count > 0 ? times[times.Count / 2] : 0);
    }

    private static Guid ChunkId(TuneChunk chunk) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{chunk.CorpusId}\n{chunk.Ordinal}")).AsSpan(0, 16));
}
