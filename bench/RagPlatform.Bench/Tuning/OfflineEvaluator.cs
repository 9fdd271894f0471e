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

    /// <returns>
    /// The mean measures, the median time of one <see cref="EmbeddedSearchIndex.SearchAsync"/> call in milliseconds and
    /// the mean bytes it allocates (the embedded index searches on the caller's thread, so the thread's count is the search's).
    /// </returns>
    public static async Task<(double Ndcg10, double Recall100, double Mrr10, double SearchP50Ms, double AllocatedKb)> RunAsync(
        TuneVariant variant,
        IReadOnlyList<TuneChunk> chunks,
        Func<TuneChunk, float[]> vectorOf,
        IReadOnlyList<(string Id, string Text, float[] Vector)> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        int topK,
        CancellationToken cancellationToken)
    {
        using var index = new EmbeddedSearchIndex(options: variant.Retrieval);
        index.Load(Indexed(chunks, vectorOf));

        double ndcg = 0, recall = 0, mrr = 0;
        var times = new List<double>(queries.Count);
        long allocated = 0;
        foreach (var (id, text, vector) in queries)
        {
            var request = Request(variant, text, vector, topK);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            var search = index.SearchAsync(request, cancellationToken);
            var searchAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            var hits = await search;
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            allocated += searchAllocated;
            var ranking = RetrievalMetrics.DistinctDocuments(hits.Select(hit => hit.DocumentId));
            ndcg += RetrievalMetrics.NdcgAt(ranking, qrels[id], 10);
            recall += RetrievalMetrics.RecallAt(ranking, qrels[id], 100);
            mrr += RetrievalMetrics.ReciprocalRankAt(ranking, qrels[id], 10);
        }

        var n = Math.Max(queries.Count, 1);
        times.Sort();
        return (ndcg / n, recall / n, mrr / n, times.Count > 0 ? times[times.Count / 2] : 0, allocated / 1024.0 / n);
    }

    /// <summary>The chunks as the worker would index them, all in one collection.</summary>
    public static IEnumerable<IndexedChunk> Indexed(IEnumerable<TuneChunk> chunks, Func<TuneChunk, float[]> vectorOf) =>
        chunks.Select(chunk => new IndexedChunk(
            ChunkId(chunk), chunk.CorpusId, Collection, chunk.Title, chunk.Ordinal, chunk.Text, chunk.StartOffset, chunk.EndOffset,
            vectorOf(chunk)));

    /// <summary>A query of the tuned collection, as the API would send it.</summary>
    public static SearchRequest Request(TuneVariant variant, string text, float[] vector, int topK) =>
        new(variant.Keyword ? text : "", variant.Dense ? vector : ReadOnlyMemory<float>.Empty, topK, Collection);

    private static Guid ChunkId(TuneChunk chunk) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{chunk.CorpusId}\n{chunk.Ordinal}")).AsSpan(0, 16));
}
