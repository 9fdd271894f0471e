using System.CommandLine;
using RagPlatform.Bench.Beir;
using RagPlatform.Bench.Client;
using RagPlatform.Bench.Ingestion;

namespace RagPlatform.Bench.Commands;

public static class IngestCommand
{
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var api = CommonOptions.Api();
        var collection = CommonOptions.Collection("the dataset folder's name");
        var concurrency = CommonOptions.Concurrency();
        var limit = CommonOptions.Limit();

        var command = new Command("ingest", "Upload a BEIR corpus and wait until it is indexed; report throughput.")
        {
            dataset, api, collection, concurrency, limit,
        };
        var credentials = new CredentialOptions();
        credentials.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var folder = parseResult.GetValue(dataset)!;
            var corpus = BeirDataset.ReadCorpus(folder, parseResult.GetValue(limit)).ToList();
            var name = CommonOptions.CollectionFor(parseResult.GetValue(collection), folder);
            var parallel = parseResult.GetValue(concurrency);
            using var connection = ApiConnection.Create(CommonOptions.BaseAddress(parseResult.GetValue(api)!), credentials.From(parseResult, "bench-ingest"),
                ConnectionLimits.For(parallel));

            Console.WriteLine($"ingesting {corpus.Count} documents of {folder.FullName} into '{name}' ({parallel} uploads at once)");
            var report = await new CorpusIngester(connection.Client, Console.Out, !Console.IsOutputRedirected)
                .IngestAsync(corpus, name, parallel, cancellationToken);
            report.Print(Console.Out);
            return report.Failed > 0 ? 1 : 0;
        }));
        return command;
    }
}
