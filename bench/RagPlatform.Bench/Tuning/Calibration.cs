using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RagPlatform.Bench.Evaluation;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Bench.Tuning;

/// <summary>
/// Fits <see cref="RelevanceModel"/>'s coefficients on the judged queries and checks them on queries it did not see:
/// a fifth of the queries (by a hash of their id) is held back. Prints the coefficients, the held-out expected
/// calibration error, precision and recall above each threshold, and how often an ask (top 5) would abstain with its
/// judged documents removed from the index, or answer with them in it.
/// </summary>
public static class Calibration
{
    private const int TopK = 100;
    private const int AskTopK = 5;
    private static readonly double[] Thresholds = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7];

    public static async Task RunAsync(
        TuneVariant variant,
        IReadOnlyList<TuneChunk> chunks,
        Func<TuneChunk, float[]> vectorOf,
        IReadOnlyList<(string Id, string Text, float[] Vector)> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        // The ranker reads the relevance settings at each search, so the one index serves every step below.
        var options = variant.Retrieval;
        var indexed = OfflineEvaluator.Indexed(chunks, vectorOf).ToList();
        var byDocument = indexed.GroupBy(c => c.DocumentId).ToDictionary(g => g.Key, g => (IReadOnlyList<IndexedChunk>)[.. g]);
        using var index = new EmbeddedSearchIndex(options: options);
        index.Load(indexed);

        options.RankByRelevance = false;
        var rows = new List<double[]>();
        var labels = new List<bool>();
        foreach (var (id, text, vector) in queries.Where(q => !HeldOut(q.Id)))
        {
            foreach (var hit in await Documents(index, variant, text, vector, TopK, cancellationToken))
            {
                rows.Add(Row(hit.Features!.Value));
                labels.Add(IsRelevant(qrels[id], hit.DocumentId));
            }
        }

        // The fused score is scaled to each query's candidates, so it means less in a small collection than in SciFact; a
        // model without it was fitted too (docs/benchmarks.md): better calibrated on all hits, it lost recall when ranking.
        var beta = LogisticRegression.Fit(rows, labels);
        (options.RelevanceIntercept, options.RelevanceCosineWeight, options.RelevanceKeywordWeight, options.RelevanceFusedWeight,
            options.RelevanceAgreementWeight, options.RelevanceRareTermWeight) = (beta[0], beta[1], beta[2], beta[3], beta[4], beta[5]);
        output.WriteLine(Invariant($"fitted on {rows.Count} hits of {queries.Count(q => !HeldOut(q.Id))} queries ({labels.Count(l => l)} relevant): intercept {beta[0]:0.000}, cosine {beta[1]:0.000}, keyword share {beta[2]:0.000}, fused {beta[3]:0.000}, agreement {beta[4]:0.000}, rare term {beta[5]:0.000}"));
        await Report(index, byDocument, variant, queries, qrels, output, cancellationToken);
        await TermCoverageCalibration.RunAsync(index, indexed.ToDictionary(c => c.ChunkId), variant, queries, qrels, output, cancellationToken);
    }

    private static async Task Report(
        EmbeddedSearchIndex index, Dictionary<string, IReadOnlyList<IndexedChunk>> byDocument, TuneVariant variant,
        IReadOnlyList<(string Id, string Text, float[] Vector)> queries, IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        TextWriter output, CancellationToken cancellationToken)
    {
        var options = variant.Retrieval;

        foreach (var rank in new[] { false, true })
        {
            options.RankByRelevance = rank;
            var (all, heldOut) = await Quality(index, variant, queries, qrels, cancellationToken);
            output.WriteLine(Invariant($"ranked by {(rank ? "relevance" : "fused score")}: all nDCG@10 {all.Ndcg:0.0000} Recall@100 {all.Recall:0.0000}; held-out nDCG@10 {heldOut.Ndcg:0.0000} Recall@100 {heldOut.Recall:0.0000}"));
        }

        options.RankByRelevance = true;
        var scored = new List<(double Probability, bool Relevant)>();
        var topTen = new List<(double Probability, bool Relevant)>();
        var judged = 0;
        foreach (var (id, text, vector) in queries.Where(q => HeldOut(q.Id)))
        {
            judged += qrels[id].Count(j => j.Value > 0);
            foreach (var (hit, rank) in (await Documents(index, variant, text, vector, TopK, cancellationToken)).Select((h, i) => (h, i)))
            {
                scored.Add((hit.Score, IsRelevant(qrels[id], hit.DocumentId)));
                if (rank < 10)
                {
                    topTen.Add(scored[^1]);
                }
            }
        }

        output.WriteLine(Invariant($"held-out: {scored.Count} hits, expected calibration error (10 bins) {ExpectedCalibrationError(scored):0.0000}; over the top 10 of each query {ExpectedCalibrationError(topTen):0.0000}"));
        ThresholdTable(output, "hits", scored, judged, Thresholds);

        await Abstention(index, byDocument, variant, queries, qrels, output, cancellationToken);
    }

    private static async Task Abstention(
        EmbeddedSearchIndex index, Dictionary<string, IReadOnlyList<IndexedChunk>> byDocument, TuneVariant variant,
        IReadOnlyList<(string Id, string Text, float[] Vector)> queries, IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        TextWriter output, CancellationToken cancellationToken)
    {
        var full = new List<(bool HeldOut, double Best)>();
        var removed = new List<(bool HeldOut, double Best)>();
        var tops = new List<(bool HeldOut, double[] Row, bool Present)>();
        foreach (var (id, text, vector) in queries)
        {
            var request = OfflineEvaluator.Request(variant, text, vector, AskTopK);
            var withJudged = await index.SearchAsync(request, cancellationToken);
            full.Add((HeldOut(id), Best(withJudged)));
            tops.Add((HeldOut(id), TopRow(withJudged), true));
            var gone = qrels[id].Keys.Where(byDocument.ContainsKey).ToList();
            foreach (var document in gone)
            {
                await index.DeleteDocumentAsync(document, cancellationToken);
            }

            var withoutJudged = await index.SearchAsync(request, cancellationToken);
            removed.Add((HeldOut(id), Best(withoutJudged)));
            tops.Add((HeldOut(id), TopRow(withoutJudged), false));
            foreach (var document in gone)
            {
                await index.UpsertDocumentAsync(document, byDocument[document], cancellationToken);
            }
        }

        output.WriteLine($"ask (top {AskTopK}) abstains when its best score is below the threshold; all queries (held-out in brackets)");
        output.WriteLine("| threshold | answered, full corpus | abstained, judged documents removed |");
        output.WriteLine("| ---: | ---: | ---: |");
        foreach (var threshold in Thresholds)
        {
            output.WriteLine(Invariant(
                $"| {threshold:0.00} | {Share(full, b => b >= threshold, false):0.000} ({Share(full, b => b >= threshold, true):0.000}) | {Share(removed, b => b < threshold, false):0.000} ({Share(removed, b => b < threshold, true):0.000}) |"));
        }

        AbstentionBound(tops, output);
    }

    /// <summary>
    /// Could any one threshold do better? A logistic regression fitted to tell, from an ask's top hits alone, whether the
    /// judged documents were in the index (the other fifth's queries); its held-out trade-off is the bound for these features.
    /// </summary>
    private static void AbstentionBound(List<(bool HeldOut, double[] Row, bool Present)> tops, TextWriter output)
    {
        var fit = tops.Where(t => !t.HeldOut).ToList();
        var beta = LogisticRegression.Fit([.. fit.Select(t => t.Row)], [.. fit.Select(t => t.Present)]);
        output.WriteLine(Invariant($"abstention model on the top hits (cosine, keyword share, fused, agreement, rare term of the first; cosine gap to the second): {string.Join(", ", beta.Select(b => b.ToString("0.000", CultureInfo.InvariantCulture)))}"));
        output.WriteLine("| threshold | answered, full corpus (held-out) | abstained, judged removed (held-out) |");
        output.WriteLine("| ---: | ---: | ---: |");
        var held = tops.Where(t => t.HeldOut).Select(t => (t.Present, P: LogisticRegression.Probability(beta, LogisticRegression.WithIntercept(t.Row)))).ToList();
        foreach (var threshold in new[] { 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 })
        {
            var present = held.Where(h => h.Present).ToList();
            var absent = held.Where(h => !h.Present).ToList();
            output.WriteLine(Invariant($"| {threshold:0.00} | {(double)present.Count(h => h.P >= threshold) / present.Count:0.000} | {(double)absent.Count(h => h.P < threshold) / absent.Count:0.000} |"));
        }
    }

    private static double[] TopRow(IReadOnlyList<SearchHit> hits)
    {
        if (hits.Count == 0 || hits[0].Features is not { } f)
        {
            return [0, 0, 0, 0, 0, 0];
        }

        var gap = hits.Count > 1 && hits[1].Features is { } second ? f.Cosine - second.Cosine : f.Cosine;
        return [f.Cosine, Math.Min(f.KeywordShare, RelevanceModel.MaxKeywordShare), f.Fused, f.Agreement, f.RareTerm, gap];
    }

    private static double Share(List<(bool HeldOut, double Best)> results, Func<double, bool> counted, bool heldOutOnly)
    {
        var chosen = results.Where(r => !heldOutOnly || r.HeldOut).ToList();
        return chosen.Count == 0 ? 0 : (double)chosen.Count(r => counted(r.Best)) / chosen.Count;
    }

    private static double Best(IReadOnlyList<SearchHit> hits) => hits.Count > 0 ? hits[0].Score : 0;

    private static async Task<((double Ndcg, double Recall) All, (double Ndcg, double Recall) HeldOut)> Quality(
        EmbeddedSearchIndex index, TuneVariant variant, IReadOnlyList<(string Id, string Text, float[] Vector)> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>> qrels, CancellationToken cancellationToken)
    {
        double ndcg = 0, recall = 0, heldNdcg = 0, heldRecall = 0;
        var held = 0;
        foreach (var (id, text, vector) in queries)
        {
            var hits = await index.SearchAsync(OfflineEvaluator.Request(variant, text, vector, TopK), cancellationToken);
            var ranking = RetrievalMetrics.DistinctDocuments(hits.Select(hit => hit.DocumentId));
            var n = RetrievalMetrics.NdcgAt(ranking, qrels[id], 10);
            var r = RetrievalMetrics.RecallAt(ranking, qrels[id], 100);
            (ndcg, recall) = (ndcg + n, recall + r);
            if (HeldOut(id))
            {
                (heldNdcg, heldRecall, held) = (heldNdcg + n, heldRecall + r, held + 1);
            }
        }

        return ((ndcg / queries.Count, recall / queries.Count), (heldNdcg / Math.Max(held, 1), heldRecall / Math.Max(held, 1)));
    }

    /// <summary>The hits of one query, one per document, as search returns them.</summary>
    private static async Task<IEnumerable<SearchHit>> Documents(
        EmbeddedSearchIndex index, TuneVariant variant, string text, float[] vector, int topK, CancellationToken cancellationToken)
    {
        var hits = await index.SearchAsync(OfflineEvaluator.Request(variant, text, vector, topK), cancellationToken);
        return hits.DistinctBy(hit => hit.DocumentId);
    }

    /// <summary>Mean gap between predicted and observed relevance over ten equal-width bins, weighted by the bins' sizes.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<(double Probability, bool Relevant)> scored)
    {
        var error = 0.0;
        for (var bin = 0; bin < 10; bin++)
        {
            var inBin = scored.Where(s => Math.Min((int)(s.Probability * 10), 9) == bin).ToList();
            if (inBin.Count > 0)
            {
                error += (double)inBin.Count / scored.Count * Math.Abs(inBin.Average(s => s.Probability) - inBin.Average(s => s.Relevant ? 1.0 : 0.0));
            }
        }

        return error;
    }

    /// <summary>Precision and recall of the judged documents above each threshold, as a user filtering with minScore sees them.</summary>
    internal static void ThresholdTable(
        TextWriter output, string counted, IReadOnlyList<(double Probability, bool Relevant)> scored, int judged, IEnumerable<double> thresholds)
    {
        output.WriteLine($"| minScore | {counted} above | precision | recall of judged |");
        output.WriteLine("| ---: | ---: | ---: | ---: |");
        foreach (var threshold in thresholds)
        {
            var above = scored.Count(s => s.Probability >= threshold);
            var relevant = scored.Count(s => s.Probability >= threshold && s.Relevant);
            output.WriteLine(Invariant($"| {threshold:0.00} | {above} | {(above > 0 ? (double)relevant / above : 0):0.000} | {(double)relevant / judged:0.000} |"));
        }
    }

    private static double[] Row(RelevanceFeatures f) =>
        [f.Cosine, Math.Min(f.KeywordShare, RelevanceModel.MaxKeywordShare), f.Fused, f.Agreement, f.RareTerm];

    internal static bool IsRelevant(Dictionary<string, int> judgements, string document) =>
        judgements.TryGetValue(document, out var grade) && grade > 0;

    /// <summary>A fifth of the queries, the same on every run and machine.</summary>
    internal static bool HeldOut(string queryId) => SHA256.HashData(Encoding.UTF8.GetBytes(queryId))[0] % 5 == 0;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
