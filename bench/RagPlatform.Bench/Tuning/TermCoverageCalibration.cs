using System.Globalization;
using RagPlatform.Bench.Evaluation;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Bench.Tuning;

/// <summary>
/// Fits <see cref="TermCoverageRelevance"/>, the model Qdrant's hits are scored with, on the same queries as
/// <see cref="Calibration"/> and checks it on the same held-out fifth. Run it on the variant "rrf defaults, no feedback":
/// the embedded index then fuses its dense and keyword lists by RRF without feedback, the nearest thing to Qdrant's
/// query that runs here (no Qdrant server does). Each row is one chunk, as Qdrant returns chunks, labelled by whether its
/// document is judged relevant.
/// </summary>
public static class TermCoverageCalibration
{
    private const int TopK = 100;
    private static readonly double[] Thresholds = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7];

    public static async Task RunAsync(
        EmbeddedSearchIndex index,
        IReadOnlyDictionary<Guid, IndexedChunk> chunks,
        TuneVariant variant,
        IReadOnlyList<(string Id, string Text, float[] Vector)> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        variant.Retrieval.RankByRelevance = false;
        using var vectorizer = new SparseTermVectorizer();
        var rows = new List<(string Query, double[] Row, string Document, bool Relevant)>();
        foreach (var (id, text, vector) in queries)
        {
            var terms = vectorizer.VectorizeQuery(text);
            foreach (var hit in await index.SearchAsync(OfflineEvaluator.Request(variant, text, vector, TopK), cancellationToken))
            {
                var chunk = chunks[hit.ChunkId];
                var coverage = TermCoverageRelevance.Coverage(terms, vectorizer.VectorizeDocument($"{chunk.Title}\n{chunk.Text}"));
                var cosine = TermCoverageRelevance.Cosine(vector, chunk.Embedding.Span);
                rows.Add((id, [cosine, coverage, hit.Features?.Fused ?? 0], hit.DocumentId, Calibration.IsRelevant(qrels[id], hit.DocumentId)));
            }
        }

        var fit = rows.Where(r => !Calibration.HeldOut(r.Query)).ToList();
        var beta = LogisticRegression.Fit([.. fit.Select(r => r.Row)], [.. fit.Select(r => r.Relevant)]);
        var options = new QdrantIndexOptions
        {
            RelevanceIntercept = beta[0], RelevanceCosineWeight = beta[1], RelevanceCoverageWeight = beta[2], RelevanceFusedWeight = beta[3],
        };
        output.WriteLine(Invariant($"term-coverage model (Qdrant's scores), fitted on {fit.Count} chunk hits: intercept {beta[0]:0.000}, cosine {beta[1]:0.000}, coverage {beta[2]:0.000}, fused {beta[3]:0.000}"));

        var held = rows.Where(r => Calibration.HeldOut(r.Query))
            .Select(r => (r.Query, r.Document, P: TermCoverageRelevance.Probability(r.Row[0], r.Row[1], r.Row[2], options), r.Relevant)).ToList();
        output.WriteLine(Invariant($"held-out: {held.Count} chunk hits, expected calibration error (10 bins) {Calibration.ExpectedCalibrationError([.. held.Select(h => (h.P, h.Relevant))]):0.0000}"));

        // Precision and recall per document, as a user filtering with minScore sees them: a document counts at its best chunk.
        var documents = held.GroupBy(h => (h.Query, h.Document)).Select(g => (Probability: g.Max(h => h.P), g.First().Relevant)).ToList();
        var judged = queries.Where(q => Calibration.HeldOut(q.Id)).Sum(q => qrels[q.Id].Count(j => j.Value > 0));
        Calibration.ThresholdTable(output, "documents", documents, judged, Thresholds);

        // Qdrant's hits are ordered by the probability, as the embedded index's are: what that does to RRF's ranking.
        double asReturned = 0, byProbability = 0;
        var byQuery = rows.ToLookup(r => r.Query);
        foreach (var query in queries)
        {
            var list = byQuery[query.Id].ToList();
            asReturned += RetrievalMetrics.NdcgAt(RetrievalMetrics.DistinctDocuments(list.Select(r => r.Document)), qrels[query.Id], 10);
            var reordered = list.OrderByDescending(r => TermCoverageRelevance.Probability(r.Row[0], r.Row[1], r.Row[2], options)).Select(r => r.Document);
            byProbability += RetrievalMetrics.NdcgAt(RetrievalMetrics.DistinctDocuments(reordered), qrels[query.Id], 10);
        }

        output.WriteLine(Invariant($"nDCG@10 of these candidates ranked by RRF {asReturned / queries.Count:0.0000}, by the term-coverage probability {byProbability / queries.Count:0.0000}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
