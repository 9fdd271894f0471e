namespace RagPlatform.Bench.Evaluation;

/// <summary>What an evaluation run is about, as it is reported.</summary>
public sealed record EvalRun(string Dataset, string Split, string Collection, int TopK);
