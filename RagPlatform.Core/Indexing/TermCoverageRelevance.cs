using System.Numerics.Tensors;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// A probability of relevance from what every backend can compute the same way for a returned chunk: its raw cosine
/// with the query, the share of the query's analysed terms (words and whole identifiers) the chunk holds, and its
/// normalised RRF score (<see cref="FusedScore"/>). RRF alone only says how a chunk ranked among one query's candidates,
/// and Qdrant keeps BM25's statistics to itself, so Qdrant's hits are scored and ordered by this model; the embedded
/// index knows more (<see cref="RelevanceModel"/>).
/// Both are fitted on SciFact train by the bench's <c>tune --calibrate</c>, so a <c>minScore</c> means the same on either.
/// </summary>
public static class TermCoverageRelevance
{
    public static double Probability(double cosine, double coverage, double fused, QdrantIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logit = options.RelevanceIntercept + (options.RelevanceCosineWeight * cosine) + (options.RelevanceCoverageWeight * coverage)
            + (options.RelevanceFusedWeight * fused);
        return 1 / (1 + Math.Exp(-logit));
    }

    /// <summary>The share of the query's distinct terms that the chunk holds: 1 when every word is there, 0 for none.</summary>
    public static double Coverage(SparseTermVector query, SparseTermVector chunk)
    {
        if (query.Indices.Length == 0)
        {
            return 0;
        }

        var held = 0;
        foreach (var index in query.Indices)
        {
            if (Array.BinarySearch(chunk.Indices, index) >= 0)
            {
                held++;
            }
        }

        return (double)held / query.Indices.Length;
    }

    /// <summary>Cosine of two vectors, whatever their lengths (Qdrant normalises stored vectors; a query may not be).</summary>
    public static double Cosine(ReadOnlySpan<float> query, ReadOnlySpan<float> chunk)
    {
        if (query.IsEmpty || query.Length != chunk.Length)
        {
            return 0;
        }

        var cosine = TensorPrimitives.CosineSimilarity(query, chunk);
        return float.IsFinite(cosine) ? cosine : 0; // a zero vector has no direction
    }
}
