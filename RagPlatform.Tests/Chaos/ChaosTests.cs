using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using RagPlatform.Client;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Storage;
using RagPlatform.Tests.Infrastructure;
using StackExchange.Redis;
using static System.FormattableString;

namespace RagPlatform.Tests.Chaos;

/// <summary>
/// Under a steady light load (searchers and an uploader), each dependency fails in turn: Redis stops
/// and starts, a worker is killed with SIGKILL and replaced, PostgreSQL restarts, the embedding
/// provider fails and stalls. Every document accepted with 202 must end up indexed exactly once,
/// searches must ride out the Redis outage, and each dependency's return must bring the whole path
/// (search, upload, ingestion, searchable) back within 30 s. The per-phase table goes to the test output.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryTarget = TimeSpan.FromSeconds(30);
    // Measured beyond the target, so a slow recovery is reported with its time rather than as a timeout.
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);
    // The fault holds below and this window are long enough for about a hundred searches each on two busy cores (a run
    // with holds of 5, 3, 5 and 6 s and 3 s windows saw 170-280 searches per hold, 80-145 per window), and no longer:
    // this scenario is the test suite's critical path.
    private static readonly TimeSpan AfterWindow = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, string> _workerEnvironment = [];
    private NativeRedis _redis = null!;
    private NativePostgres _postgres = null!;
    private MiniLmEmbeddingGenerator _model = null!;
    private OllamaEmbeddingServer _provider = null!;
    private WebApplicationFactory<ApiMarker> _api = null!;
    private HttpClient _client = null!;
    private RagPlatformClient _rag = null!;
    private WorkerProcess _worker = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await NativeRedis.StartAsync();
        _postgres = await NativePostgres.StartAsync();
        await _postgres.CreateDatabaseAsync("ragdb");
        _model = new MiniLmEmbeddingGenerator(new MiniLmOptions { IntraOpThreads = 1 });
        _provider = await OllamaEmbeddingServer.StartAsync(_model);

        // API and worker both embed through the provider over HTTP, as against a real Ollama server.
        _api = await TestHost.Api()
            .WithDatabase(_postgres.ConnectionStringFor("ragdb"))
            .WithRedis(_redis)
            .WithSetting("Embeddings:Provider", "ollama")
            .WithSetting("Embeddings:Endpoint", _provider.Endpoint.ToString())
            .WithSetting("Embeddings:Model", OllamaEmbeddingServer.Model)
            .WithSetting("Logging:LogLevel:Default", "Warning")
            // One client sends the whole load: the per-client limit is not what this test is about.
            .WithSetting("RateLimiting:PermitLimit", "1000000")
            .StartAsync(TimeSpan.FromSeconds(90));
        _client = _api.CreateClient().Authorize();
        _client.Timeout = TimeSpan.FromSeconds(30);
        _rag = new RagPlatformClient(_client);

        _workerEnvironment["ConnectionStrings__ragdb"] = _postgres.ConnectionStringFor("ragdb");
        _workerEnvironment["Index__Backend"] = "embedded";
        _workerEnvironment["Embeddings__Provider"] = "ollama";
        _workerEnvironment["Embeddings__Endpoint"] = _provider.Endpoint.ToString();
        _workerEnvironment["Embeddings__Model"] = OllamaEmbeddingServer.Model;
        // A killed worker's claims lapse within seconds; retries come fast and never run out during a fault.
        _workerEnvironment["Ingestion__Lease"] = "00:00:03";
        _workerEnvironment["Ingestion__PollInterval"] = "00:00:00.500";
        _workerEnvironment["Ingestion__MaxAttempts"] = "100";
        _workerEnvironment["Ingestion__RetryBaseDelay"] = "00:00:00.100";
        _workerEnvironment["Ingestion__RetryMaxDelay"] = "00:00:01";
        _worker = WorkerProcess.Start(_workerEnvironment);
    }

    [Fact]
    public async Task AcceptedDocumentsAreIndexedExactlyOnceWhileEachDependencyFailsAndReturns()
    {
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var load = SteadyLoad.Start(_rag, clock, searchers: 3);
        var phases = new List<PhaseResult>();
        try
        {
            // The stack works end to end (the worker process is up) before anything is broken.
            var ready = await RecoverAsync(load, TimeSpan.Zero, clock, probeCache: false);
            Assert.True(ready is not null, "the stack never indexed a first document");

            phases.Add(await PhaseAsync("Redis stopped, restarted", load, clock, TimeSpan.FromSeconds(3),
                () => _redis.StopAsync(), () => _redis.StartAgainAsync(), probeCache: true));
            phases.Add(await PhaseAsync("worker SIGKILL, new worker", load, clock, TimeSpan.FromSeconds(2),
                () =>
                {
                    _worker.Dispose(); // SIGKILL
                    return Task.CompletedTask;
                },
                () =>
                {
                    _worker = WorkerProcess.Start(_workerEnvironment);
                    return Task.CompletedTask;
                }));
            phases.Add(await PhaseAsync("PostgreSQL restarted", load, clock, TimeSpan.FromSeconds(3),
                () => _postgres.StopAsync(), () => _postgres.StartAgainAsync()));
            phases.Add(await PhaseAsync("embedding provider failing/stalling", load, clock, TimeSpan.FromSeconds(4),
                () =>
                {
                    _provider.Failing = true;
                    return Task.CompletedTask;
                },
                () =>
                {
                    _provider.Failing = false;
                    return Task.CompletedTask;
                }));
        }
        finally
        {
            await load.DisposeAsync();
        }

        output.WriteLine(PhaseResult.Header);
        foreach (var phase in phases)
        {
            output.WriteLine(phase.Row);
        }

        var accepted = load.Accepted.ToArray();
        var statuses = await WaitUntilDoneAsync(accepted, TimeSpan.FromSeconds(60));
        var rejected = load.Rejected.ToArray();
        output.WriteLine(Invariant(
            $"uploads accepted (202): {accepted.Length}; not accepted: {rejected.Length} (of which stored anyway: {await CountStoredAsync(rejected)}); embedding requests served {_provider.Served}, faulted {_provider.Faulted}"));

        var notIndexed = statuses.Where(s => s.Value != "indexed").Select(s => $"{s.Key}: {s.Value}").ToList();
        Assert.True(notIndexed.Count == 0, $"accepted documents not indexed: {string.Join("; ", notIndexed.Take(20))}");
        await AssertIndexedExactlyOnceAsync(accepted);
        await AssertSearchableOnceAsync(accepted);

        var redis = phases[0];
        Assert.True(redis.During.Searches > 0, "no search ran during the Redis outage");
        Assert.True(redis.During.SearchErrorRate < 0.01,
            Invariant($"search error rate during the Redis outage {redis.During.SearchErrorRate:0.0%} ({redis.During.SearchErrors}/{redis.During.Searches})"));
        foreach (var phase in phases)
        {
            Assert.True(phase.Recovery is { } recovery && recovery <= RecoveryTarget,
                $"{phase.Name}: recovery took {(phase.Recovery is { } r ? r.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s" : "longer than " + RecoveryLimit.TotalSeconds + " s")}");
        }
        output.WriteLine(Invariant($"scenario took {total.Elapsed.TotalSeconds:0.0} s"));
    }

    private async Task<PhaseResult> PhaseAsync(string name, SteadyLoad load, Stopwatch clock, TimeSpan hold,
        Func<Task> fault, Func<Task> heal, bool probeCache = false)
    {
        var faultStart = clock.Elapsed;
        await fault();
        await Task.Delay(hold);
        await heal();
        var back = clock.Elapsed;
        var recovered = await RecoverAsync(load, back, clock, probeCache);
        var recoveredAt = recovered ?? clock.Elapsed;
        await Task.Delay(AfterWindow);
        return PhaseResult.From(name, load.Outcomes.ToArray(), faultStart, back, recoveredAt, clock.Elapsed, recovered is not null);
    }

    /// <summary>
    /// Rounds of search + upload until both succeed, then waits for that upload to become searchable (and,
    /// for Redis, for the API to write its cache again): the moment all of it works is when the phase recovered.
    /// </summary>
    private async Task<TimeSpan?> RecoverAsync(SteadyLoad load, TimeSpan back, Stopwatch clock, bool probeCache)
    {
        var deadline = back + RecoveryLimit;
        string? probe = null;
        while (probe is null && clock.Elapsed < deadline)
        {
            if (await load.SearchOnceAsync("river delta sensor reading", uncached: true))
            {
                probe = await load.UploadOneAsync();
            }
            if (probe is null)
            {
                await Task.Delay(200);
            }
        }
        while (probe is not null && clock.Elapsed < deadline)
        {
            var hits = await SearchOrEmptyAsync(SteadyLoad.MarkerOf(probe));
            if (hits.Any(h => h.DocumentId == probe) && (!probeCache || await SearchCacheWrittenAsync()))
            {
                return clock.Elapsed;
            }
            await Task.Delay(100);
        }
        return null;
    }

    private async Task<IReadOnlyList<SearchResult>> SearchOrEmptyAsync(string query)
    {
        try
        {
            return await _rag.SearchAsync(query, topK: 10, SteadyLoad.Collection);
        }
        catch (Exception ex) when (ex is RagPlatformApiException or HttpRequestException or TaskCanceledException)
        {
            return [];
        }
    }

    private async Task<bool> SearchCacheWrittenAsync()
    {
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync($"{_redis.ConnectionString},connectTimeout=1000");
            return redis.GetServers()[0].Keys(pattern: "rag:search:*", pageSize: 10).Any();
        }
        catch (RedisException)
        {
            return false;
        }
    }

    private async Task<Dictionary<string, string>> WaitUntilDoneAsync(string[] ids, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var statuses = await StatusesAsync(ids);
            if (statuses.Count == ids.Length && statuses.Values.All(s => s is "indexed" or "failed") || deadline.Elapsed > within)
            {
                foreach (var missing in ids.Where(id => !statuses.ContainsKey(id)))
                {
                    statuses[missing] = "missing";
                }
                return statuses;
            }
            await Task.Delay(250);
        }
    }

    private async Task<Dictionary<string, string>> StatusesAsync(string[] ids)
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionStringFor("ragdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {DocumentColumns.Id("documents")}, status || coalesce(': ' || error, '') FROM documents WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", Keys(ids));
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            statuses[reader.GetString(0)] = reader.GetString(1);
        }
        return statuses;
    }

    private async Task<long> CountStoredAsync(string[] ids)
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionStringFor("ragdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM documents WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", Keys(ids));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>In PostgreSQL: each document's chunks are exactly positions 0..n-1 once, n its chunk count, and one ingestion job finished it.</summary>
    private async Task AssertIndexedExactlyOnceAsync(string[] ids)
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionStringFor("ragdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT {DocumentColumns.Id("d")}, d.chunk_count, count(c.id), count(DISTINCT c.ordinal), coalesce(max(c.ordinal) + 1, 0),
                   (SELECT count(*) FROM ingestion_jobs j WHERE j.document_id = d.id AND j.status = 'done')
            FROM documents d LEFT JOIN chunks c ON c.document_id = d.id
            WHERE d.id = ANY(@ids)
            GROUP BY d.id, d.chunk_count
            """, connection);
        command.Parameters.AddWithValue("ids", Keys(ids));
        var wrong = new List<string>();
        var seen = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            seen++;
            var (id, count, chunks, distinct, span, jobs) = (reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4), reader.GetInt64(5));
            if (count < 1 || chunks != count || distinct != count || span != count || jobs != 1)
            {
                wrong.Add($"{id}: chunk_count {count}, chunks {chunks}, distinct ordinals {distinct}, ordinal span {span}, finished jobs {jobs}");
            }
        }
        Assert.Equal(ids.Length, seen);
        Assert.True(wrong.Count == 0, string.Join("; ", wrong.Take(20)));
    }

    /// <summary>Through the API: each document is found by its own marker, and no chunk comes back twice.</summary>
    private async Task AssertSearchableOnceAsync(string[] ids)
    {
        var problems = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
        {
            var hits = await _rag.SearchUntilFoundAsync(SteadyLoad.MarkerOf(id), id, TimeSpan.FromSeconds(5), SteadyLoad.Collection);
            var chunkIds = hits.Select(h => h.ChunkId).ToList();
            if (!hits.Any(h => h.DocumentId == id))
            {
                problems.Add($"{id}: not found by its marker");
            }
            if (chunkIds.Count != chunkIds.Distinct().Count())
            {
                problems.Add($"{id}: a chunk came back twice");
            }
        });
        Assert.True(problems.IsEmpty, string.Join("; ", problems.Take(20)));
    }

    public async ValueTask DisposeAsync()
    {
        _worker?.Dispose();
        _client?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
        _model?.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    /// <summary>Documents are stored under their tenant's key; the load uploads as the test tenant.</summary>
    private static string[] Keys(IEnumerable<string> ids) => ids.Select(TestCredentials.KeyOf).ToArray();
}
