using System.Globalization;
using System.Numerics.Tensors;
using RagPlatform.Bench.Evaluation;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Bench.Tuning;

/// <summary>
/// Does feedback help in a small collection? Each judged query gets a collection of its own: its judged documents and
/// <c>others</c> more, so a few dozen chunks, as a new user's first upload: drawn at random (the same on every run), or
/// the unjudged documents nearest the query (by their first chunk's cosine), a collection on one topic.
/// The variant is measured as it is, and with feedback forced on at any size, and with feedback off.
/// </summary>
public static class SmallCollections
{
    public static async Task RunAsync(
        TuneVariant variant,
        IReadOnlyList<TuneChunk> chunks,
        Func<TuneChunk, float[]> vectorOf,
        IReadOnlyList<(string Id, string Text, float[] Vector)> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>> qrels,
        int others,
        bool nearest,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        var byDocument = chunks.GroupBy(c => c.CorpusId).ToDictionary(g => g.Key, g => g.ToList());
        var documentIds = byDocument.Keys.Order(StringComparer.Ordinal).ToArray();
        var random = new Random(11);
        var indexed = new List<IndexedChunk>();
        foreach (var (id, _, _) in queries)
        {
            var members = qrels[id].Keys.Where(byDocument.ContainsKey).ToHashSet();
            var target = members.Count + others;
            if (nearest)
            {
                var query = queries.First(q => q.Id == id).Vector;
                members.UnionWith(documentIds.Where(d => !members.Contains(d))
                    .OrderByDescending(d => TensorPrimitives.Dot(vectorOf(byDocument[d][0]), query)).Take(others));
            }

            while (members.Count < target)
            {
                members.Add(documentIds[random.Next(documentIds.Length)]);
            }

            // Document ids are prefixed by the query: each collection holds its own copy.
            indexed.AddRange(OfflineEvaluator.Indexed(members.SelectMany(m => byDocument[m]), vectorOf)
                .Select(c => c with { ChunkId = Guid.NewGuid(), DocumentId = $"{id}/{c.DocumentId}", Collection = id }));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"small collections: one per query, its judged documents and {others} {(nearest ? "nearest" : "random")} others ({(double)indexed.Count / queries.Count:0.0} chunks each), top K 10"));
        output.WriteLine("| variant | nDCG@10 | MRR@10 |");
        output.WriteLine("| --- | ---: | ---: |");
        var forced = TuneVariants.With(variant.Retrieval, o => { o.FeedbackMinChunks = 0; o.FeedbackRareTermChunks = 0; });
        var off = TuneVariants.With(variant.Retrieval, o => o.FeedbackDocuments = 0);
        foreach (var (name, options) in new[] { (variant.Name, variant.Retrieval), ("feedback at any size", forced), ("no feedback", off) })
        {
            using var index = new EmbeddedSearchIndex(options: options);
            index.Load(indexed);
            double ndcg = 0, mrr = 0;
            foreach (var (id, text, vector) in queries)
            {
                var request = OfflineEvaluator.Request(variant, text, vector, 10) with { Collection = id };
                var hits = await index.SearchAsync(request, cancellationToken);
                var ranking = RetrievalMetrics.DistinctDocuments(hits.Select(hit => hit.DocumentId[(id.Length + 1)..]));
                ndcg += RetrievalMetrics.NdcgAt(ranking, qrels[id], 10);
                mrr += RetrievalMetrics.ReciprocalRankAt(ranking, qrels[id], 10);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {ndcg / queries.Count:0.0000} | {mrr / queries.Count:0.0000} |"));
        }
    }
}
