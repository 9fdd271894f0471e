using System.Diagnostics;
using RagPlatform.Client;

namespace RagPlatform.Bench.Evaluation;

/// <summary>Runs judged queries one at a time through the search API and scores the rankings.</summary>
public sealed class RetrievalEvaluator(RagPlatformClient client)
{
    // The first queries open the connection and JIT the server's and the client's paths. They are
    // then repeated for a while: this process tiers its JSON and HTTP code up to optimised code only
    // after about a thousand responses (two seconds or more), and until then its own parsing, not the
    // API, would set the percentiles (cached p50 3.5-6.4 ms with 20 warm-up queries, 2.2-2.8 ms
    // with tiered compilation off, at the same time on the same server). Repeating the same queries
    // leaves the rest of the run as cached or uncached as it was.
    public const int WarmUpQueries = 20;

    public static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(3);

    public async Task<EvalReport> RunAsync(
        EvalRun run,
        IReadOnlyList<KeyValuePair<string, string>> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        Func<string, string> toCorpusId,
        CancellationToken cancellationToken)
    {
        var warmUp = queries.Take(WarmUpQueries).ToList();
        var warmUpStarted = Stopwatch.GetTimestamp();
        do
        {
            foreach (var query in warmUp)
            {
                await client.SearchAsync(Search(run, query.Value), run.Uncached, cancellationToken);
            }
        }
        while (warmUp.Count > 0 && Stopwatch.GetElapsedTime(warmUpStarted) < WarmUpTime);

        // Sequential on purpose: one client gives the latency of a request, not of a queue.
        double ndcg = 0, recall = 0, mrr = 0;
        var latencies = new List<double>(queries.Count);
        foreach (var (queryId, text) in queries)
        {
            var started = Stopwatch.GetTimestamp();
            var hits = await client.SearchAsync(Search(run, text), run.Uncached, cancellationToken);
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

    private static SearchRequest Search(EvalRun run, string query) => new(query, run.TopK, new SearchScope(run.Collection));
}
