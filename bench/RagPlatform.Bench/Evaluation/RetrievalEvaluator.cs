using System.Diagnostics;
using RagPlatform.Bench.Client;

namespace RagPlatform.Bench.Evaluation;

/// <summary>Runs judged queries one at a time through the search API and scores the rankings.</summary>
public sealed class RetrievalEvaluator(RagApiClient client)
{
    // Enough requests to JIT the server's and the client's paths and open the connection,
    // so the first queries do not skew the latency percentiles.
    public const int WarmUpQueries = 20;

    public async Task<EvalReport> RunAsync(
        EvalRun run,
        IReadOnlyList<KeyValuePair<string, string>> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        Func<string, string> toCorpusId,
        CancellationToken cancellationToken)
    {
        foreach (var query in queries.Take(WarmUpQueries))
        {
            await client.SearchAsync(new SearchBody(query.Value, run.TopK, run.Collection), cancellationToken);
        }

        // Sequential on purpose: one client gives the latency of a request, not of a queue.
        double ndcg = 0, recall = 0, mrr = 0;
        var latencies = new List<double>(queries.Count);
        foreach (var (queryId, text) in queries)
        {
            var started = Stopwatch.GetTimestamp();
            var hits = await client.SearchAsync(new SearchBody(text, run.TopK, run.Collection), cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            var ranking = RetrievalMetrics.DistinctDocuments(hits.Results.Select(hit => toCorpusId(hit.DocumentId)));
            var judged = qrels[queryId];
            ndcg += RetrievalMetrics.NdcgAt(ranking, judged, 10);
            recall += RetrievalMetrics.RecallAt(ranking, judged, 100);
            mrr += RetrievalMetrics.ReciprocalRankAt(ranking, judged, 10);
        }

        var n = Math.Max(queries.Count, 1);
        return new EvalReport(
            run.Dataset, run.Split, run.Collection, queries.Count, run.TopK,
            Ndcg10: ndcg / n,
            Recall100: recall / n,
            Mrr10: mrr / n,
            LatencyMeanMs: latencies.Count == 0 ? double.NaN : latencies.Average(),
            LatencyP50Ms: RetrievalMetrics.Percentile(latencies, 50),
            LatencyP95Ms: RetrievalMetrics.Percentile(latencies, 95),
            LatencyP99Ms: RetrievalMetrics.Percentile(latencies, 99));
    }
}
