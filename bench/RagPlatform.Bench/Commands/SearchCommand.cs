using System.CommandLine;
using System.Globalization;
using RagPlatform.Bench.Client;
using RagPlatform.Client;

namespace RagPlatform.Bench.Commands;

/// <summary>One query by hand, to see what the evaluation sees.</summary>
public static class SearchCommand
{
    private const int SnippetLength = 160;

    public static Command Create()
    {
        var query = new Option<string>("--query") { Description = "The search text.", Required = true };
        var api = CommonOptions.Api();
        var collection = CommonOptions.Collection("all collections");
        var topK = CommonOptions.Positive(new Option<int>("--top-k") { Description = "Chunks to return (1-100).", DefaultValueFactory = _ => 10 });

        var command = new Command("search", "Run one search and print the ranked chunks.") { query, api, collection, topK };
        var credentials = new CredentialOptions();
        credentials.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var connection = ApiConnection.Create(CommonOptions.BaseAddress(parseResult.GetValue(api)!), credentials.From(parseResult, "bench-search"),
                ConnectionLimits.For(1));
            var hits = await connection.Client.SearchAsync(new SearchRequest(parseResult.GetValue(query)!, parseResult.GetValue(topK),
                new SearchScope(parseResult.GetValue(collection))), cancellationToken: cancellationToken);
            var rank = 0;
            foreach (var hit in hits.Results)
            {
                var snippet = hit.Text.ReplaceLineEndings(" ");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{++rank,3}. {hit.Score:0.0000} {hit.DocumentId} #{hit.Ordinal} [{string.Join('+', hit.FoundBy)}] {hit.Title}"));
                Console.WriteLine($"     {(snippet.Length > SnippetLength ? snippet[..SnippetLength] + "…" : snippet)}");
            }
            if (rank == 0)
            {
                Console.WriteLine("no results");
            }
            return 0;
        }));
        return command;
    }
}
