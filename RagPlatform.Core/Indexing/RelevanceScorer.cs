using System.Numerics.Tensors;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Gathers one query's <see cref="RelevanceFeatures"/> for any candidate chunk from the first pass's two lists: each
/// document at its best chunk's cosine and BM25 score. Feedback lists are left out on purpose: their scores measure the
/// expanded query, not the user's.
/// </summary>
internal sealed class RelevanceScorer
{
    private readonly ChunkSlots _slots;
    private readonly float[]? _query;
    private readonly Dictionary<string, float> _cosine = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float> _keyword = new(StringComparer.Ordinal);
    private readonly HashSet<string> _holdingRarest = new(StringComparer.Ordinal);
    private readonly double _reference;

    /// <param name="reference">The query's <see cref="KeywordQueryStatistics.Reference"/>; 0 when it asked no keyword search.</param>
    /// <param name="holdingRarest">The chunks that hold the query's rarest term.</param>
    public RelevanceScorer(
        ChunkSlots slots, ReadOnlySpan<float> query, ScoredList<int> dense, ScoredList<int> keyword, double reference, ReadOnlySpan<int> holdingRarest)
    {
        _slots = slots;
        _query = query.IsEmpty ? null : query.ToArray();
        _reference = reference;
        Best(slots, dense, _cosine);
        Best(slots, keyword, _keyword);
        foreach (var slot in holdingRarest)
        {
            if (slots.ChunkAt(slot)?.DocumentId is { } document)
            {
                _holdingRarest.Add(document);
            }
        }
    }

    public RelevanceFeatures Features(int slot, double fused)
    {
        var document = _slots.ChunkAt(slot)?.DocumentId;
        if (document is null)
        {
            return new RelevanceFeatures(0, 0, fused, 0);
        }

        var inDense = _cosine.TryGetValue(document, out var cosine);
        if (!inDense && _query is not null)
        {
            cosine = TensorPrimitives.Dot(_slots.VectorAt(slot), _query);
        }

        var inKeyword = _keyword.TryGetValue(document, out var bm25);
        var share = _reference > 0 && inKeyword ? bm25 / _reference : 0;
        return new RelevanceFeatures(cosine, share, fused, inDense && inKeyword ? 1 : 0, _holdingRarest.Contains(document) ? 1 : 0);
    }

    private static void Best(ChunkSlots slots, ScoredList<int> list, Dictionary<string, float> best)
    {
        // Lists come best first, so a document's first entry is its best chunk.
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (slots.ChunkAt(list.Items[i])?.DocumentId is { } document)
            {
                best.TryAdd(document, list.Scores[i]);
            }
        }
    }
}
