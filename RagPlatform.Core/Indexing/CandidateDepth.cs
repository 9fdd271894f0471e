namespace RagPlatform.Core.Indexing;

/// <summary>How many candidates each retriever hands to fusion, shared by every backend so they rank alike.</summary>
internal static class CandidateDepth
{
    /// <summary>
    /// RRF lifts items that sit fairly deep in both lists above items that top only one, so each side
    /// must look well past K; 50 is the usual floor (a hit at rank 50 still adds 1/110 against 1/61 at the top).
    /// </summary>
    private const int Minimum = 50;

    public static int For(int topK) => Math.Max(Minimum, topK * 2);
}
