using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RagPlatform.Api.Search;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Warmup;

/// <summary>
/// Runs real searches through the whole search path (query embedding, both retrievers, feedback, fusion) as soon as
/// the index is loaded, and keeps the instance unhealthy until their pace is steady: the JIT has moved the hot
/// methods to optimised code, the ONNX session has its buffers, Lucene its term dictionaries and the tenants' filter
/// bit sets, the connection pools their connections. Without it the first minute of traffic pays for all of that
/// (measured: 43 % of the warm rate in the first 10 s), which is when an orchestrator sends a new replica its load.
/// The queries are titles of indexed documents, searched in their own tenant and collection.
/// </summary>
public sealed partial class SearchWarmup(
    Retriever retriever, IIndexVersion index, GuardedDatabase database, IOptions<WarmupOptions> options, ILogger<SearchWarmup> logger)
    : BackgroundService, IHealthCheck
{
    private const int Round = 50;
    private volatile string? _done;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!options.Value.Enabled ? HealthCheckResult.Healthy("Warm-up is off")
            : _done is { } summary ? HealthCheckResult.Healthy(summary)
            : HealthCheckResult.Unhealthy("Warming up the search path"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            while (!index.IsReady)
            {
                await Task.Delay(100, stoppingToken);
            }

            // MaxDuration bounds the warming, not the index's load before it (23 s for SciFact on two busy cores).
            clock.Restart();
            _done = await WarmAsync(clock, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A warm-up that fails must not keep a working instance out of service: it only costs the first requests speed.
            _done = "Warm-up stopped early: " + ex.Message;
            LogFailed(logger, ex);
        }
    }

    private async Task<string> WarmAsync(Stopwatch clock, CancellationToken stoppingToken)
    {
        var samples = await SamplesAsync(stoppingToken);
        if (samples.Count == 0)
        {
            return "Nothing indexed to warm up with";
        }

        var rounds = new List<double>();
        var searches = 0;
        var parallel = Math.Max(1, Environment.ProcessorCount);
        do
        {
            var started = Stopwatch.GetTimestamp();
            await Parallel.ForAsync(0, Round, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = stoppingToken }, async (i, ct) =>
            {
                var (tenant, collection, query) = samples[(searches + i) % samples.Count];
                await retriever.RetrieveAsync(tenant, query, 10, collection, null, 0, new Degradations(), ct, useEmbeddingCache: false);
            });
            searches += Round;
            rounds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds / Round);
            // Steady: enough searches for the JIT's second tier, and the last two rounds within 10 % of each other.
            if (searches >= options.Value.MinSearches && rounds.Count >= 2 && Math.Abs(rounds[^1] - rounds[^2]) <= 0.1 * rounds[^2])
            {
                break;
            }
        }
        while (clock.Elapsed < options.Value.MaxDuration);

        var summary = $"Warmed up with {searches} searches in {clock.Elapsed.TotalSeconds:0.0} s: " +
            $"{rounds[0]:0.0} ms per search at first, {rounds[^1]:0.0} ms at the end";
        LogWarmed(logger, summary);
        return summary;
    }

    /// <summary>Titles (or file names) of indexed documents with their tenant and collection: queries that find something where they are asked.</summary>
    private Task<List<(string Tenant, string? Collection, string Query)>> SamplesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT tenant, collection, coalesce(nullif(title, ''), file_name, substr(id, length(tenant) + 2))
                FROM documents WHERE status = 'indexed' LIMIT 200
                """;
            var samples = new List<(string, string?, string)>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                samples.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }

            return samples;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Summary}")]
    private static partial void LogWarmed(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search warm-up failed; serving anyway, the first searches will be slower")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
