using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using RagPlatform.Bench.Beir;
using RagPlatform.Bench.Tuning;
using RagPlatform.Core.Chunking;
using RagPlatform.Core.Embeddings;

namespace RagPlatform.Bench.Commands;

/// <summary>
/// fp32 against int8 MiniLM in one process: batch throughput on the chunks ingestion would embed, single-query
/// latency, and how close the two precisions' vectors are. Runs alternate between the two, so noise from other
/// work on the machine falls on both alike.
/// </summary>
public static class EmbedSpeedCommand
{
    private static readonly EmbeddingPrecision[] Precisions = [EmbeddingPrecision.Fp32, EmbeddingPrecision.Int8];

    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var documents = CommonOptions.Positive(new Option<int>("--documents") { Description = "Corpus documents to chunk and embed per round.", DefaultValueFactory = _ => 300 });
        var rounds = CommonOptions.Positive(new Option<int>("--rounds") { Description = "Batch rounds per precision, alternating.", DefaultValueFactory = _ => 3 });
        var queries = CommonOptions.Positive(new Option<int>("--queries") { Description = "Queries embedded one at a time per precision.", DefaultValueFactory = _ => 300 });
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads (0: every core).", DefaultValueFactory = _ => 0 };

        var command = new Command("embed-speed", "Compare fp32 and int8 MiniLM: batch throughput, query latency, vector agreement.")
        {
            dataset, documents, rounds, queries, threads,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var folder = parseResult.GetValue(dataset)!;
            var options = new MiniLmOptions { IntraOpThreads = parseResult.GetValue(threads) };
            var generators = new Dictionary<EmbeddingPrecision, MiniLmEmbeddingGenerator>();
            foreach (var precision in Precisions)
            {
                MiniLmModel.Load(precision, out var prepare);
                var started = Stopwatch.GetTimestamp();
                generators[precision] = new MiniLmEmbeddingGenerator(options, precision: precision);
                Console.WriteLine(Invariant($"{precision}: model prepared in {prepare.TotalMilliseconds:0} ms, generator (prepare + session) ready in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms"));
            }

            try
            {
                var corpus = BeirDataset.ReadCorpus(folder, parseResult.GetValue(documents)).ToList();
                var counter = generators[EmbeddingPrecision.Fp32];
                var inputs = TuneCorpus.Chunk(corpus, counter, new ChunkingOptions())
                    .Select(c => EmbeddingInput.For(c.Title, c.Text)).ToList();
                var tokens = inputs.Sum(i => Math.Min(counter.CountTokens(i) + 2, new MiniLmOptions().MaxSequenceLength));
                Console.WriteLine($"{corpus.Count} documents, {inputs.Count} chunks (shipped chunking, title in embedding), {tokens} model tokens");

                // One warm-up each, then rounds in alternating order.
                var vectors = new Dictionary<EmbeddingPrecision, float[][]>();
                foreach (var precision in Precisions)
                {
                    vectors[precision] = (await generators[precision].GenerateAsync(inputs.Take(32), cancellationToken: cancellationToken))
                        .Select(e => e.Vector.ToArray()).ToArray();
                }

                var seconds = Precisions.ToDictionary(p => p, _ => new List<double>());
                for (var round = 0; round < parseResult.GetValue(rounds); round++)
                {
                    foreach (var precision in round % 2 == 0 ? Precisions : Precisions.Reverse())
                    {
                        var started = Stopwatch.GetTimestamp();
                        var embeddings = await generators[precision].GenerateAsync(inputs, cancellationToken: cancellationToken);
                        seconds[precision].Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                        vectors[precision] = embeddings.Select(e => e.Vector.ToArray()).ToArray();
                        Console.Error.WriteLine(Invariant($"  round {round + 1} {precision}: {seconds[precision][^1]:0.0} s"));
                    }
                }

                Console.WriteLine("| precision | best s | median s | chunks/s | docs/s | tokens/s |");
                Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
                foreach (var precision in Precisions)
                {
                    var median = Percentile(seconds[precision], 0.5);
                    Console.WriteLine(Invariant(
                        $"| {precision} | {seconds[precision].Min():0.00} | {median:0.00} | {inputs.Count / median:0.0} | {corpus.Count / median:0.0} | {tokens / median:0} |"));
                }

                var cosines = vectors[EmbeddingPrecision.Fp32].Zip(vectors[EmbeddingPrecision.Int8], (a, b) => (double)TensorPrimitives.CosineSimilarity(a, b)).ToList();
                Console.WriteLine(Invariant($"int8 vs fp32 cosine over {cosines.Count} chunks: min {cosines.Min():0.0000}, p1 {Percentile(cosines, 0.01):0.0000}, mean {cosines.Average():0.0000}"));

                await MeasureQueries(generators, BeirDataset.ReadQueries(folder).Values.Take(parseResult.GetValue(queries)).ToList(), cancellationToken);
            }
            finally
            {
                foreach (var generator in generators.Values)
                {
                    generator.Dispose();
                }
            }

            return 0;
        }));
        return command;
    }

    private static async Task MeasureQueries(
        Dictionary<EmbeddingPrecision, MiniLmEmbeddingGenerator> generators, List<string> queries, CancellationToken cancellationToken)
    {
        var latencies = Precisions.ToDictionary(p => p, _ => new List<double>());
        for (var i = 0; i < queries.Count; i++)
        {
            foreach (var precision in i % 2 == 0 ? Precisions : Precisions.Reverse())
            {
                var started = Stopwatch.GetTimestamp();
                await generators[precision].GenerateAsync([queries[i]], cancellationToken: cancellationToken);
                latencies[precision].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Console.WriteLine($"single-query latency over {queries.Count} queries (ms):");
        Console.WriteLine("| precision | p50 | p95 |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var precision in Precisions)
        {
            Console.WriteLine(Invariant($"| {precision} | {Percentile(latencies[precision], 0.5):0.00} | {Percentile(latencies[precision], 0.95):0.00} |"));
        }

        // What batching concurrent searches' queries saves: the process's CPU per query (all its threads, so ONNX
        // Runtime's intra-op threads count), which other work on the machine disturbs less than wall time.
        Console.WriteLine($"queries embedded in batches, {queries.Count} queries each (process CPU ms per query):");
        Console.WriteLine("| precision | batch | CPU ms/query | wall ms/batch |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var precision in Precisions)
        {
            foreach (var size in new[] { 1, 4, 8, 16, 32 })
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                foreach (var batch in queries.Chunk(size))
                {
                    await generators[precision].GenerateAsync(batch, cancellationToken: cancellationToken);
                }
                var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                Console.WriteLine(Invariant($"| {precision} | {size} | {used / queries.Count:0.00} | {wall / Math.Ceiling(queries.Count / (double)size):0.00} |"));
            }
        }
    }

    private static double Percentile(List<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(quantile * sorted.Count))];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
