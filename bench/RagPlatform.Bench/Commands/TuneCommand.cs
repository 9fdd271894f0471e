using System.CommandLine;
using System.Globalization;
using RagPlatform.Bench.Beir;
using RagPlatform.Bench.Tuning;
using RagPlatform.Core.Chunking;
using RagPlatform.Core.Embeddings;

namespace RagPlatform.Bench.Commands;

/// <summary>
/// Offline retrieval tuning: the real chunker, MiniLM embedder and embedded index, without a running stack.
/// Vectors are cached by input, so after the first run a variant costs seconds, not minutes.
/// </summary>
public static class TuneCommand
{
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var split = new Option<string>("--split") { Description = "The qrels file to judge by: qrels/{split}.tsv.", Required = true };
        var precision = new Option<EmbeddingPrecision>("--precision")
        {
            Description = "MiniLM precision: Int8 or Fp32 (as Embeddings:Precision).",
            DefaultValueFactory = _ => EmbeddingOptions.DefaultPrecision,
        };
        var cache = new Option<FileInfo?>("--cache")
        {
            Description = "Binary vector cache (created if missing; keep it outside the repository). Default: one file per precision in the temp folder.",
        };
        var only = new Option<string?>("--only") { Description = "Only the variants whose name contains this text." };
        var embedOnly = new Option<bool>("--embed-only") { Description = "Fill the vector cache for the selected variants, measure nothing." };
        var topK = CommonOptions.Positive(new Option<int>("--top-k") { Description = "Chunks asked per query, as eval's --top-k.", DefaultValueFactory = _ => 100 });
        var batchSize = CommonOptions.Positive(new Option<int>("--batch-size")
        {
            Description = "Texts per embedding call, as the worker's Ingestion:EmbeddingBatchSize (queries are always embedded one at a time, as the API does).",
            DefaultValueFactory = _ => 1,
        });
        var calibrate = new Option<bool>("--calibrate")
        {
            Description = "Fit the relevance model's coefficients on the first selected variant (a fifth of the queries held back) and report calibration and abstention.",
        };
        var small = new Option<int?>("--small-collections")
        {
            Description = "Measure the first selected variant in one small collection per query: its judged documents and this many others.",
        };
        var nearest = new Option<bool>("--nearest") { Description = "With --small-collections: the others are the unjudged documents nearest the query, not random ones." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads for embedding (0: every core).", DefaultValueFactory = _ => 0 };

        var command = new Command("tune", "Measure retrieval variants offline (real chunker, embedder and index) on a BEIR split.")
        {
            dataset, split, precision, cache, only, embedOnly, topK, batchSize, threads, calibrate, small, nearest,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var folder = parseResult.GetValue(dataset)!;
            var filter = parseResult.GetValue(only);
            var variants = TuneVariants.All.Where(v => filter is null || v.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
            var corpus = BeirDataset.ReadCorpus(folder).ToList();
            var qrels = BeirDataset.ReadQrels(folder, parseResult.GetValue(split)!);
            var queryTexts = BeirDataset.ReadJudgedQueries(folder, qrels);

            var log = Console.Error;
            var chosen = parseResult.GetValue(precision);
            using var generator = new MiniLmEmbeddingGenerator(new MiniLmOptions { IntraOpThreads = parseResult.GetValue(threads) }, precision: chosen);
            var cacheFile = (parseResult.GetValue(cache) ?? DefaultCache(chosen)).FullName;
            var vectors = EmbeddingCache.Open(cacheFile, MiniLmEmbeddingGenerator.Dimensions, CacheKeyPrefix(generator), parseResult.GetValue(batchSize));
            var queryVectors = parseResult.GetValue(batchSize) == 1
                ? vectors // the same keys: read the file once
                : EmbeddingCache.Open(cacheFile, MiniLmEmbeddingGenerator.Dimensions, CacheKeyPrefix(generator), batchSize: 1);
            log.WriteLine($"precision {chosen}, corpus embedded {parseResult.GetValue(batchSize)} text(s) per call");
            log.WriteLine($"{vectors.Count} vectors cached; {variants.Count} variants; {queryTexts.Count} queries");

            await queryVectors.EnsureAsync(generator, queryTexts.Select(q => q.Value), log, cancellationToken);
            var chunkings = new Dictionary<(int, int), List<TuneChunk>>();
            foreach (var variant in variants)
            {
                if (!chunkings.TryGetValue(variant.Chunking, out var chunks))
                {
                    chunks = TuneCorpus.Chunk(corpus, generator, new ChunkingOptions { MaxTokens = variant.MaxTokens, OverlapTokens = variant.OverlapTokens });
                    chunkings[variant.Chunking] = chunks;
                    log.WriteLine($"chunks {variant.MaxTokens}/{variant.OverlapTokens}: {chunks.Count} ({(double)chunks.Count / corpus.Count:0.00} per document)");
                }

                await vectors.EnsureAsync(generator, chunks.Select(c => Input(c, variant.TitleInEmbedding)), log, cancellationToken);
            }

            if (parseResult.GetValue(embedOnly))
            {
                return 0;
            }

            var queries = queryTexts.Select(q => (q.Key, q.Value, queryVectors.Get(q.Value))).ToList();
            if (parseResult.GetValue(small) is { } others)
            {
                var first = variants[0];
                await SmallCollections.RunAsync(first, chunkings[first.Chunking], c => vectors.Get(Input(c, first.TitleInEmbedding)), queries, qrels, others, parseResult.GetValue(nearest), Console.Out, cancellationToken);
                return 0;
            }

            if (parseResult.GetValue(calibrate))
            {
                var first = variants[0];
                Console.WriteLine($"calibrating on {first.Name}");
                await Calibration.RunAsync(first, chunkings[first.Chunking], c => vectors.Get(Input(c, first.TitleInEmbedding)), queries, qrels, Console.Out, cancellationToken);
                return 0;
            }

            Console.WriteLine($"{folder.Name} {parseResult.GetValue(split)}, {queries.Count} queries, top K {parseResult.GetValue(topK)} chunks");
            Console.WriteLine("| variant | nDCG@10 | Recall@100 | MRR@10 | search p50 ms | KB allocated per search |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var variant in variants)
            {
                var (ndcg, recall, mrr, p50, allocatedKb) = await OfflineEvaluator.RunAsync(
                    variant, chunkings[variant.Chunking], c => vectors.Get(Input(c, variant.TitleInEmbedding)), queries, qrels,
                    parseResult.GetValue(topK), cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {variant.Name} | {ndcg:0.0000} | {recall:0.0000} | {mrr:0.0000} | {p50:0.00} | {allocatedKb:0} |"));
            }

            return 0;
        }));
        return command;
    }

    /// <summary>fp32 keeps the file and keys it had before precision was a choice, so its existing cache stays valid.</summary>
    private static FileInfo DefaultCache(EmbeddingPrecision precision) => new(Path.Combine(
        Path.GetTempPath(), precision == EmbeddingPrecision.Fp32 ? "ragplatform-tune.vectors" : $"ragplatform-tune.{precision.ToString().ToLowerInvariant()}.vectors"));

    private static string CacheKeyPrefix(MiniLmEmbeddingGenerator generator) =>
        generator.Precision == EmbeddingPrecision.Fp32 ? string.Empty : generator.Metadata.DefaultModelId + "\n";

    private static string Input(TuneChunk chunk, bool titleInEmbedding) =>
        titleInEmbedding ? EmbeddingInput.For(chunk.Title, chunk.Text) : chunk.Text;
}
