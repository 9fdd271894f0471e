using System.CommandLine;
using RagPlatform.Bench.Beir;
using RagPlatform.Bench.Client;
using RagPlatform.Bench.Evaluation;
using RagPlatform.Bench.Ingestion;

namespace RagPlatform.Bench.Commands;

public static class EvalCommand
{
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var split = new Option<string>("--split") { Description = "The qrels file to judge by: qrels/{split}.tsv.", Required = true };
        var api = CommonOptions.Api();
        var collection = CommonOptions.Collection("the dataset folder's name");
        var topK = CommonOptions.Positive(new Option<int>("--top-k") { Description = "Chunks asked per query (the API allows 1-100).", DefaultValueFactory = _ => 100 });
        var uncached = new Option<bool>("--uncached")
        {
            Description = "Send Cache-Control: no-cache on every search: the API skips its result and query-embedding caches (uncached latency without flushing Redis or restarting the API).",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table." };
        var limitQueries = CommonOptions.PositiveOrNull(new Option<int?>("--limit-queries") { Description = "Only the first N judged queries." });
        var concurrency = CommonOptions.Concurrency();
        // A quick smoke run on part of the corpus: the scores then understate, as judged documents are missing.
        var limit = CommonOptions.Limit();

        var command = new Command("eval", "Ingest the corpus if needed, run the judged queries, report nDCG@10, Recall@100, MRR@10 and latency.")
        {
            dataset, split, api, collection, topK, uncached, json, limitQueries, concurrency, limit,
        };
        var credentials = new CredentialOptions();
        credentials.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var folder = parseResult.GetValue(dataset)!;
            var splitName = parseResult.GetValue(split)!;
            var name = CommonOptions.CollectionFor(parseResult.GetValue(collection), folder);
            var asJson = parseResult.GetValue(json);
            var parallel = parseResult.GetValue(concurrency);

            var corpus = BeirDataset.ReadCorpus(folder, parseResult.GetValue(limit)).ToList();
            var qrels = BeirDataset.ReadQrels(folder, splitName);
            var queries = BeirDataset.ReadJudgedQueries(folder, qrels)
                .Take(parseResult.GetValue(limitQueries) ?? int.MaxValue)
                .ToList();

            // With --json, stdout carries only the result object; the ingest trace goes to stderr.
            var log = asJson ? Console.Error : Console.Out;
            using var connection = ApiConnection.Create(CommonOptions.BaseAddress(parseResult.GetValue(api)!), credentials.From(parseResult, "bench-eval"),
                ConnectionLimits.For(parallel));
            var ingest = await new CorpusIngester(connection.Client, log, asJson ? !Console.IsErrorRedirected : !Console.IsOutputRedirected)
                .EnsureIngestedAsync(corpus, name, parallel, cancellationToken);
            if (ingest is not null)
            {
                ingest.Print(log);
                if (ingest.Failed > 0)
                {
                    await Console.Error.WriteLineAsync($"warning: {ingest.Failed} documents failed to ingest; they count as never retrieved");
                }
            }

            // Ids were sanitized on the way in; map them back through the corpus rather than guess.
            var corpusIds = corpus.ToDictionary(document => DocumentIds.For(name, document.Id), document => document.Id);
            var prefix = name + "-";
            string ToCorpusId(string documentId) => corpusIds.TryGetValue(documentId, out var id) ? id
                : documentId.StartsWith(prefix, StringComparison.Ordinal) ? documentId[prefix.Length..] : documentId;

            var report = await new RetrievalEvaluator(connection.Client).RunAsync(
                new EvalRun(folder.Name, splitName, name, parseResult.GetValue(topK), parseResult.GetValue(uncached)), queries, qrels, ToCorpusId, cancellationToken);
            if (asJson)
            {
                Console.WriteLine(report.ToJson());
            }
            else
            {
                report.PrintTable(Console.Out);
            }
            return 0;
        }));
        return command;
    }
}
