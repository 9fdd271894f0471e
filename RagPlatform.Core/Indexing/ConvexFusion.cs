namespace RagPlatform.Core.Indexing;

/// <summary>One retriever's results with their raw scores, best first, as input to <see cref="ConvexFusion"/>.</summary>
/// <param name="Exhaustive">
/// The list holds everything the retriever matched (it came back shorter than asked), so its last item is a match like
/// the others, not the cut-off: its scores are scaled from 0 rather than from the last one's.
/// </param>
public sealed record ScoredList<TKey>(
    Retrievers Retriever, IReadOnlyList<TKey> Items, IReadOnlyList<float> Scores, double Weight = 1.0, bool Exhaustive = false);

/// <summary>
/// Convex combination of normalised scores over documents (Bruch, Gai and Ingber, "An Analysis of Fusion Functions for
/// Hybrid Retrieval", 2023): each list is collapsed to its documents at their best chunk's score, the scores are scaled
/// to 0-1 by the list's own range (its best is 1, its last candidate 0; from 0 to its best when the list is
/// <see cref="ScoredList{TKey}.Exhaustive"/>: in a small collection, or for a rare term, the last is no worse a match for
/// being last, and five near-equal cosines must not be spread over the whole 0-1), and a document scores the weighted mean over
/// the lists asked, 0 where a list does not hold it. Unlike RRF it keeps how far apart two candidates were, not only their order.
/// A document is returned as its best chunk of the list where it ranked best; when fewer documents than <c>wanted</c>
/// are found, further chunks follow as in <see cref="DocumentFusion"/>.
/// </summary>
public static class ConvexFusion
{
    public static IReadOnlyList<FusedItem<TChunk>> Fuse<TChunk>(
        IReadOnlyList<ScoredList<TChunk>> lists, Func<TChunk, string?> documentOf, int wanted = 0)
        where TChunk : notnull
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(documentOf);

        var totalWeight = 0.0;
        foreach (var list in lists)
        {
            ReciprocalRankFusion.ValidateWeight(list.Weight, nameof(lists));
            if (list.Items.Count != list.Scores.Count)
            {
                throw new ArgumentException("Every item needs a score.", nameof(lists));
            }

            totalWeight += list.Weight;
        }

        var documents = new Dictionary<string, Accumulator<TChunk>>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            if (list.Items.Count == 0)
            {
                continue;
            }

            var best = list.Scores[0];
            var floor = list.Exhaustive ? Math.Min(0f, list.Scores[^1]) : list.Scores[^1];
            var range = best - floor;
            var rank = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Items.Count; i++)
            {
                if (documentOf(list.Items[i]) is not { } document || !seen.Add(document))
                {
                    continue;
                }

                rank++;
                var normalised = range > 0 ? (list.Scores[i] - floor) / range : 1.0;
                documents.TryGetValue(document, out var acc);
                if (acc.BestRank == 0 || rank < acc.BestRank)
                {
                    acc.Chunk = list.Items[i];
                    acc.BestRank = rank;
                }

                acc.Score += list.Weight * normalised;
                acc.FoundBy |= list.Retriever;
                acc.Order = acc.Order == 0 ? documents.Count + 1 : acc.Order;
                documents[document] = acc;
            }
        }

        var ordered = documents.Values.ToArray();
        Array.Sort(ordered, static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : a.BestRank != b.BestRank ? a.BestRank.CompareTo(b.BestRank) : a.Order.CompareTo(b.Order);
        });

        var result = new List<FusedItem<TChunk>>(Math.Max(ordered.Length, wanted));
        foreach (var acc in ordered)
        {
            result.Add(new FusedItem<TChunk>(acc.Chunk, totalWeight > 0 ? acc.Score / totalWeight : 0, acc.FoundBy));
        }

        if (result.Count < wanted)
        {
            var ranked = lists.Select(l => new RankedList<TChunk>(l.Retriever, l.Items, l.Weight)).ToList();
            DocumentFusion.Fill(result, ReciprocalRankFusion.Fuse(ranked), documentOf, wanted);
        }

        return result;
    }

    private struct Accumulator<TChunk>
    {
        public TChunk Chunk;
        public double Score;
        public int BestRank;
        public int Order;
        public Retrievers FoundBy;
    }
}
