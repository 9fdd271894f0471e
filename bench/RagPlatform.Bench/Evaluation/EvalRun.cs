namespace RagPlatform.Bench.Evaluation;

/// <summary>What an evaluation run is about, as it is reported.</summary>
/// <param name="Uncached">Every search sends <c>Cache-Control: no-cache</c> (no result or query-embedding cache).</param>
public sealed record EvalRun(string Dataset, string Split, string Collection, int TopK, bool Uncached = false);
