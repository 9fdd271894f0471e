using System.CommandLine;
using System.CommandLine.Parsing;
using RagPlatform.Bench.Beir;
using RagPlatform.Bench.Client;
using RagPlatform.Bench.Load;

namespace RagPlatform.Bench.Commands;

/// <summary>N virtual users against the API for a while; latency percentiles, throughput, errors, breaker opens, thresholds.</summary>
public static class LoadCommand
{
    public const int ThresholdFailed = 1;

    // When no dataset is given: enough different queries that a cached run is not one key.
    private static readonly string[] FallbackQueries =
    [
        "how long are backups kept", "when do backups run", "what reduces blood pressure", "how is the service deployed",
        "who to call during an outage", "what does the error budget cover", "how are passwords rotated", "where are the logs stored",
        "how to restore a database", "what is the retention policy", "how is access reviewed", "what triggers an alert",
    ];

    public static Command Create()
    {
        var api = CommonOptions.Api();
        var vus = CommonOptions.Positive(new Option<int>("--vus") { Description = "Virtual users, each sending its next request when the last one is answered.", DefaultValueFactory = _ => 10 });
        var arrivalRate = new Option<double?>("--rate")
        {
            Description = "Open model: this many requests a second arrive on schedule whatever the answers (so a slow server cannot slow the generator and hide its queue); --vus is then ignored. Latency counts from each request's scheduled time.",
        };
        arrivalRate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && value <= 0)
            {
                result.AddError("--rate must be above 0 requests a second.");
            }
        });
        var duration = DurationOption("--duration", "How long the users keep sending: 90s, 7m, 1h30m, or 00:07:00.", "1m");
        var rampUp = DurationOption("--ramp-up", "Spread the users' start over this time (default: a tenth of the duration, at most 10s).", null);
        var mix = new Option<string>("--mix") { Description = "Relative weights of the operations.", DefaultValueFactory = _ => LoadMix.Default };
        mix.Validators.Add(result =>
        {
            if (!LoadMix.TryParse(result.GetValueOrDefault<string>(), out _, out var error))
            {
                result.AddError($"--mix: {error}");
            }
        });
        var dataset = new Option<DirectoryInfo>("--dataset") { Description = "A BEIR folder whose queries.jsonl gives the search and ask texts (default: a dozen built-in queries)." }.AcceptExistingOnly();
        var collection = CommonOptions.Collection("all collections");
        collection.Description = "Collection to search and ask in (default: all collections).";
        var uploadCollection = new Option<string>("--upload-collection") { Description = "Collection the generated uploads go to, kept apart from the searched data.", DefaultValueFactory = _ => "load-bench" };
        var topK = CommonOptions.Positive(new Option<int>("--top-k") { Description = "Chunks asked per search (1-100).", DefaultValueFactory = _ => 10 });
        var uncached = new Option<bool>("--uncached") { Description = "Send Cache-Control: no-cache on searches: the API skips its result and query-embedding caches." };
        var p95 = new Option<double?>("--p95-ms") { Description = "Fail (exit code 1) when the overall p95 latency is above this many milliseconds." };
        var maxErrorRate = new Option<string?>("--max-error-rate") { Description = "Fail (exit code 1) when the overall error rate is above this: 0.01 or 1%." };
        maxErrorRate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !LoadThresholds.TryParseRate(text, out _))
            {
                result.AddError("--max-error-rate must be a fraction from 0 to 1 (0.01) or a percentage (1%).");
            }
        });
        var timeout = DurationOption("--timeout", "Give up on one request after this long (counted as a Timeout error).", "30s");
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the tables (progress goes to stderr)." };

        var command = new Command("load", "Virtual users send a mix of search, ask and upload for a duration; report latency percentiles, throughput, errors by status and breaker opens.")
        {
            api, vus, arrivalRate, duration, rampUp, mix, dataset, collection, uploadCollection, topK,
            uncached, p95, maxErrorRate, timeout, json,
        };
        var credentials = new CredentialOptions();
        credentials.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var length = Duration(parseResult, duration)!.Value;
            LoadMix.TryParse(parseResult.GetValue(mix)!, out var weights, out _);
            var queries = parseResult.GetValue(dataset) is { } folder
                ? BeirDataset.ReadQueries(folder).Values.Where(q => !string.IsNullOrWhiteSpace(q)).ToList()
                : [.. FallbackQueries];
            if (queries.Count == 0)
            {
                throw new FormatException("The dataset's queries.jsonl holds no query.");
            }
            var plan = new LoadPlan(
                parseResult.GetValue(vus),
                length,
                Duration(parseResult, rampUp) ?? TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, length.Ticks / 10)),
                weights,
                queries,
                parseResult.GetValue(collection),
                parseResult.GetValue(uploadCollection)!,
                parseResult.GetValue(topK),
                parseResult.GetValue(uncached),
                Duration(parseResult, timeout)!.Value,
                parseResult.GetValue(arrivalRate));
            var runCredentials = credentials.From(parseResult, "load-bench");
            var thresholds = new LoadThresholds(parseResult.GetValue(p95),
                parseResult.GetValue(maxErrorRate) is { } rate && LoadThresholds.TryParseRate(rate, out var r) ? r : null);
            var asJson = parseResult.GetValue(json);
            var log = asJson ? Console.Error : Console.Out;
            var baseAddress = CommonOptions.BaseAddress(parseResult.GetValue(api)!);

            // Open model: as many connections as requests in flight, however many the server's slowness piles up.
            using var connection = ApiConnection.Create(baseAddress, runCredentials, new ConnectionLimits(
                plan.OpenModel ? int.MaxValue : plan.VirtualUsers + 1, plan.RequestTimeout, Timeout.InfiniteTimeSpan));
            using var http = connection.CreateHttpClient();
            // Fails fast with one line when nothing listens there, rather than a run of connection errors.
            using (var health = await http.GetAsync("health", cancellationToken))
            {
                log.WriteLine($"{baseAddress}health: {(int)health.StatusCode}");
            }

            var loadRequests = new LoadRequests(plan);
            if (plan.Mix.Operations.Contains(LoadOperation.Search) && await loadRequests.SearchesFindNothingAsync(http, cancellationToken))
            {
                // A tenant or collection without the corpus answers fast with empty bodies: the figures would not be about search.
                log.WriteLine($"warning: the first searches found nothing in collection '{plan.Collection ?? "(all)"}' as {runCredentials.Describe()}; " +
                    "is the corpus ingested under this tenant (--tenant / RAG_TENANT)? This run measures empty results.");
            }

            var before = await BreakerMetrics.ScrapeAsync(http, cancellationToken);
            log.WriteLine(plan.OpenModel
                ? $"{plan.ArrivalRate} requests/s arriving for {plan.Duration}, mix {plan.Mix}, {queries.Count} queries"
                : $"{plan.VirtualUsers} virtual users for {plan.Duration} (ramp-up {plan.RampUp}), mix {plan.Mix}, {queries.Count} queries");
            var runner = new LoadRunner(http, plan, loadRequests, log);
            var elapsed = await runner.RunAsync(cancellationToken);
            var after = await BreakerMetrics.ScrapeAsync(http, cancellationToken);

            var rows = plan.Mix.Operations.Select(o => LoadRow.From(o.ToString().ToLowerInvariant(), runner.Stats[o], elapsed)).ToList();
            var overallStats = OperationStats.Merge(runner.Stats.Values);
            var overall = LoadRow.From("overall", overallStats, elapsed);
            var report = new LoadReport(
                baseAddress.ToString(), plan.VirtualUsers, elapsed.TotalSeconds, plan.Mix.ToString(), plan.Uncached, runCredentials.Describe(),
                rows, overall, BreakerMetrics.Diff(before, after), thresholds.Failures(overall.P95Ms, overall.ErrorRate, overall.Count),
                [.. plan.Mix.Operations.SelectMany(o => LoadOutcomeRow.From(o.ToString().ToLowerInvariant(), runner.Stats[o], elapsed)),
                    .. LoadOutcomeRow.From("overall", overallStats, elapsed)],
                plan.ArrivalRate);
            if (asJson)
            {
                Console.WriteLine(report.ToJson());
            }
            else
            {
                report.Print(Console.Out);
            }
            foreach (var failure in report.ThresholdFailures)
            {
                await Console.Error.WriteLineAsync($"threshold failed: {failure}");
            }
            return report.Passed ? 0 : ThresholdFailed;
        }));
        return command;
    }

    private static Option<string?> DurationOption(string name, string description, string? defaultValue)
    {
        var option = new Option<string?>(name) { Description = description };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !DurationText.TryParse(text, out _))
            {
                result.AddError($"{name}: '{text}' is not a duration such as 90s, 7m or 00:07:00.");
            }
        });
        return option;
    }

    private static TimeSpan? Duration(ParseResult parseResult, Option<string?> option) =>
        parseResult.GetValue(option) is { } text && DurationText.TryParse(text, out var value) ? value : null;
}
