using System.Text.Json;
using System.Text.Json.Serialization;
using static System.FormattableString;

namespace RagPlatform.Bench.Evaluation;

/// <summary>Mean retrieval quality over the judged queries, and client-side search latency in milliseconds.</summary>
public sealed record EvalReport(
    string Dataset,
    string Split,
    string Collection,
    int Queries,
    int TopK,
    double Ndcg10,
    double Recall100,
    double Mrr10,
    double LatencyMeanMs,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms)
{
    // No judged query leaves the means undefined (NaN): say so rather than fail to serialize.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public void PrintTable(TextWriter output)
    {
        output.WriteLine(Invariant($"dataset {Dataset}, split {Split}, collection {Collection}, {Queries} queries, topK {TopK}"));
        output.WriteLine("| metric | value |");
        output.WriteLine("| --- | ---: |");
        output.WriteLine(Invariant($"| nDCG@10 | {Ndcg10:0.0000} |"));
        output.WriteLine(Invariant($"| Recall@100 | {Recall100:0.0000} |"));
        output.WriteLine(Invariant($"| MRR@10 | {Mrr10:0.0000} |"));
        output.WriteLine(Invariant($"| latency mean (ms) | {LatencyMeanMs:0.0} |"));
        output.WriteLine(Invariant($"| latency p50 (ms) | {LatencyP50Ms:0.0} |"));
        output.WriteLine(Invariant($"| latency p95 (ms) | {LatencyP95Ms:0.0} |"));
        output.WriteLine(Invariant($"| latency p99 (ms) | {LatencyP99Ms:0.0} |"));
    }
}
