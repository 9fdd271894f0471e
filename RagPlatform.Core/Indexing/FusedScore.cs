namespace RagPlatform.Core.Indexing;

/// <summary>
/// Puts RRF scores on one scale for every backend and k: 1 is first place in every retriever the query asked.
/// Raw RRF scores are tiny (1/61 at best per list with k = 60) and depend on k, so a threshold on them would not carry over.
/// </summary>
public static class FusedScore
{
    /// <param name="score">The raw fused score.</param>
    /// <param name="topOfList">What first place in one list adds (1/(k+1) here, 1/k in Qdrant).</param>
    /// <param name="retrieversAsked">How many lists the query asked (weights summed, if weighted).</param>
    public static double Normalise(double score, double topOfList, double retrieversAsked)
    {
        var maximum = topOfList * retrieversAsked;
        return maximum > 0 ? Math.Clamp(score / maximum, 0, 1) : 0;
    }
}
