using System.Runtime.InteropServices;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): an item scores the sum over the lists
/// that hold it of weight / (k + rank), rank counted from 1. It needs only ranks, so scores of
/// different scales (cosine, BM25) never have to be calibrated against each other.
/// </summary>
public static class ReciprocalRankFusion
{
    /// <summary>The paper's k: large enough that first place does not drown the rest of a list.</summary>
    public const int DefaultK = 60;

    /// <summary>
    /// Fuses the lists, best first. Equal scores are ordered by the best rank the item reached in any
    /// list, then by first appearance (lists in the order given), so the same input always gives the same output.
    /// An item listed twice by one list counts once, at its first (best) rank.
    /// </summary>
    public static IReadOnlyList<FusedItem<TKey>> Fuse<TKey>(IReadOnlyList<RankedList<TKey>> lists, int k = DefaultK)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfNegative(k);

        var capacity = 0;
        foreach (var list in lists)
        {
            ValidateWeight(list.Weight, nameof(lists));
            capacity += list.Items.Count;
        }

        var accumulators = new Dictionary<TKey, Accumulator>(capacity);
        var appearance = 0;
        for (var listIndex = 0; listIndex < lists.Count; listIndex++)
        {
            var list = lists[listIndex];
            for (var i = 0; i < list.Items.Count; i++)
            {
                var rank = i + 1;
                ref var acc = ref CollectionsMarshal.GetValueRefOrAddDefault(accumulators, list.Items[i], out var seen);
                if (!seen)
                {
                    acc = new Accumulator { FirstAppearance = appearance++, BestRank = rank, LastList = -1 };
                }
                else if (acc.LastList == listIndex)
                {
                    continue;
                }

                acc.LastList = listIndex;
                acc.Score += list.Weight / (k + rank);
                acc.BestRank = Math.Min(acc.BestRank, rank);
                acc.FoundBy |= list.Retriever;
            }
        }

        var fused = new KeyValuePair<TKey, Accumulator>[accumulators.Count];
        var n = 0;
        foreach (var pair in accumulators)
        {
            fused[n++] = pair;
        }

        Array.Sort(fused, static (a, b) => Compare(a.Value, b.Value));
        var result = new FusedItem<TKey>[fused.Length];
        for (var i = 0; i < fused.Length; i++)
        {
            result[i] = new FusedItem<TKey>(fused[i].Key, fused[i].Value.Score, fused[i].Value.FoundBy);
        }

        return result;
    }

    /// <summary>Refuses a list weight no fusion can use: negative, infinite or NaN.</summary>
    internal static void ValidateWeight(double weight, string paramName)
    {
        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, weight, "A list's weight must be finite and not negative.");
        }
    }

    private static int Compare(in Accumulator a, in Accumulator b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byRank = a.BestRank.CompareTo(b.BestRank);
        return byRank != 0 ? byRank : a.FirstAppearance.CompareTo(b.FirstAppearance);
    }

    private struct Accumulator
    {
        public double Score;
        public int BestRank;
        public int FirstAppearance;
        public int LastList;
        public Retrievers FoundBy;
    }
}
