using System.CommandLine;
using RagPlatform.Bench.Ingestion;

namespace RagPlatform.Bench.Commands;

/// <summary>Options several commands share; a fresh instance per command, as each command owns its options.</summary>
public static class CommonOptions
{
    public const string DefaultApi = "http://localhost:5080";
    public const int DefaultConcurrency = 8;

    public static Option<string> Api()
    {
        var option = new Option<string>("--api")
        {
            Description = "Base URL of the RagPlatform API.",
            DefaultValueFactory = _ => DefaultApi,
        };
        option.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out _))
            {
                result.AddError("--api must be an absolute URL, e.g. http://localhost:5080.");
            }
        });
        return option;
    }

    public static Option<string?> Collection(string defaultText) => new("--collection")
    {
        Description = $"Collection to upload to and search in (default: {defaultText}).",
    };

    public static Option<DirectoryInfo> Dataset()
    {
        var option = new Option<DirectoryInfo>("--dataset")
        {
            Description = "A BEIR dataset folder (corpus.jsonl, queries.jsonl, qrels/).",
            Required = true,
        };
        return option.AcceptExistingOnly();
    }

    public static Option<int> Concurrency() => Positive(new Option<int>("--concurrency")
    {
        Description = "Uploads in flight at once.",
        DefaultValueFactory = _ => DefaultConcurrency,
    });

    public static Option<int?> Limit() => PositiveOrNull(new Option<int?>("--limit")
    {
        Description = "Only the first N corpus documents.",
    });

    public static Option<int> Positive(Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{option.Name} must be 1 or more.");
            }
        });
        return option;
    }

    public static Option<int?> PositiveOrNull(Option<int?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError($"{option.Name} must be 1 or more.");
            }
        });
        return option;
    }

    public static Uri BaseAddress(string api) => new(api.EndsWith('/') ? api : api + "/");

    /// <summary>The collection named, else the dataset folder's name made valid.</summary>
    public static string CollectionFor(string? collection, DirectoryInfo dataset) =>
        DocumentIds.Collection(collection ?? dataset.Name);
}
