namespace RagPlatform.Bench.Evaluation;

/// <summary>The standard IR measures over one ranked list of document ids, as BEIR and pytrec_eval
/// define them: graded gain with a log2(rank + 1) discount, a document relevant when its qrel is above 0.</summary>
public static class RetrievalMetrics
{
    /// <summary>Keeps each document at its first (best) rank: several chunks of one document may be retrieved.</summary>
    public static List<string> DistinctDocuments(IEnumerable<string> rankedIds)
    {
        var seen = new HashSet<string>();
        return rankedIds.Where(seen.Add).ToList();
    }

    public static double NdcgAt(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> qrels, int k)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            dcg += Gain(qrels, ranking[i]) / Math.Log2(i + 2);
        }
        var ideal = qrels.Values.Where(relevance => relevance > 0).OrderDescending().Take(k)
            .Select((relevance, i) => relevance / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double RecallAt(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> qrels, int k)
    {
        var relevant = qrels.Count(pair => pair.Value > 0);
        return relevant == 0 ? 0 : (double)ranking.Take(k).Count(id => Gain(qrels, id) > 0) / relevant;
    }

    public static double ReciprocalRankAt(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> qrels, int k)
    {
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (Gain(qrels, ranking[i]) > 0)
            {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /// <summary>Linear interpolation between the closest ranks (numpy's default), so small samples do not jump.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        var rank = percentile / 100 * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    private static int Gain(IReadOnlyDictionary<string, int> qrels, string id) =>
        qrels.TryGetValue(id, out var relevance) && relevance > 0 ? relevance : 0;
}
