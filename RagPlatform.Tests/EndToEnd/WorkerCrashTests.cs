using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.EndToEnd;

/// <summary>
/// Workers killed with SIGKILL at random moments while documents are ingested: every accepted
/// document still ends up indexed exactly once, with no lost and no duplicated chunks.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WorkerCrashTests : IAsyncLifetime
{
    private const int Documents = 80;
    private NativePostgres _postgres = null!;
    private WebApplicationFactory<ApiMarker> _api = null!;
    private HttpClient _client = null!;
    private RagPlatformClient _rag = null!;
    private readonly Dictionary<string, string> _workerEnvironment = [];

    public async ValueTask InitializeAsync()
    {
        _postgres = await NativePostgres.StartAsync();
        await _postgres.CreateDatabaseAsync("ragdb");
        _api = await TestHost.Api().WithDatabase(_postgres.ConnectionStringFor("ragdb"))
            .WithSetting("RateLimiting:PermitLimit", "1000000")
            .StartAsync();
        _client = _api.CreateClient().Authorize();
        _rag = new RagPlatformClient(_client);

        _workerEnvironment["ConnectionStrings__ragdb"] = _postgres.ConnectionStringFor("ragdb");
        _workerEnvironment["Index__Backend"] = "embedded";
        // A short lease so work abandoned by a killed worker is taken over within seconds.
        _workerEnvironment["Ingestion__Lease"] = "00:00:03";
        _workerEnvironment["Ingestion__PollInterval"] = "00:00:00.500";
        _workerEnvironment["Ingestion__MaxAttempts"] = "50";
        // One document at a time on one core per worker, so ingestion lasts long enough for the
        // kills to land mid-document however fast the machine is.
        _workerEnvironment["Ingestion__Concurrency"] = "1";
        _workerEnvironment["Ingestion__EmbeddingParallelism"] = "1";
        _workerEnvironment["Embeddings__MiniLm__IntraOpThreads"] = "1";
        _workerEnvironment["Ingestion__RetryBaseDelay"] = "00:00:00.100";
        _workerEnvironment["Ingestion__RetryMaxDelay"] = "00:00:01";
    }

    [Fact]
    public async Task KilledWorkersLoseAndDuplicateNothing()
    {
        var ids = Enumerable.Range(0, Documents).Select(i => $"crash-{i:D3}").ToArray();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            // Lengths vary so documents have one to several chunks.
            var paragraphs = Enumerable.Range(0, 1 + (i % 4)).Select(p =>
                $"Document {id} paragraph {p} records sensor reading {i * 7 + p} from the marker{i:D3} station near the river delta.");
            await _rag.UploadAsync(new TextDocument(string.Join("\n\n", paragraphs), Id: id));
        }

        var workers = new[] { WorkerProcess.Start(_workerEnvironment), WorkerProcess.Start(_workerEnvironment) };
        var random = new Random(20261128);
        var kills = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        try
        {
            while (await CountIndexedAsync() < Documents && DateTime.UtcNow < deadline)
            {
                await Task.Delay(random.Next(50, 300));
                if (kills < 5)
                {
                    // Only a worker caught holding a job (its process id is in the job's lock) is killed,
                    // so every kill lands mid-document rather than on a process still starting up.
                    var busy = await BusyWorkerPidsAsync();
                    var victim = Array.FindIndex(workers, w => busy.Contains(w.Id));
                    if (victim < 0)
                    {
                        continue;
                    }
                    workers[victim].KillHard();
                    workers[victim].Dispose();
                    workers[victim] = WorkerProcess.Start(_workerEnvironment);
                    kills++;
                }
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }

        Assert.True(kills >= 3, $"only {kills} kills happened before ingestion finished");
        Assert.Equal(Documents, await CountIndexedAsync());
        await using var connection = new NpgsqlConnection(_postgres.ConnectionStringFor("ragdb"));
        await connection.OpenAsync();
        await using (var attempts = new NpgsqlCommand("SELECT max(attempts) FROM documents", connection))
        {
            // Some document was interrupted and finished by a later attempt: the kills really hit work in flight.
            Assert.True((int)(await attempts.ExecuteScalarAsync())! > 1, "no kill interrupted a document");
        }
        await using (var command = new NpgsqlCommand("""
            SELECT
                (SELECT count(*) FROM chunks),
                (SELECT sum(chunk_count) FROM documents),
                (SELECT count(*) FROM (SELECT DISTINCT document_id, ordinal FROM chunks) d),
                (SELECT count(*) FROM documents d WHERE d.chunk_count <> (SELECT count(*) FROM chunks c WHERE c.document_id = d.id)
                                                    OR d.chunk_count <> (SELECT coalesce(max(ordinal) + 1, 0) FROM chunks c WHERE c.document_id = d.id))
            """, connection))
        {
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(reader.GetInt64(1), reader.GetInt64(0));   // no orphan or missing chunk
            Assert.Equal(reader.GetInt64(0), reader.GetInt64(2));   // no duplicate position
            Assert.Equal(0, reader.GetInt64(3));                     // positions 0..n-1, all there
        }

        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var hits = await _rag.SearchUntilFoundAsync($"marker{i:D3} station", id, TimeSpan.FromSeconds(2));
            var chunkIds = hits.Where(h => h.DocumentId == id).Select(h => h.ChunkId).ToList();
            Assert.NotEmpty(chunkIds);
            Assert.Equal(chunkIds.Count, chunkIds.Distinct().Count());
        }
    }

    private async Task<HashSet<int>> BusyWorkerPidsAsync()
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionStringFor("ragdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT locked_by FROM ingestion_jobs WHERE status = 'running' AND locked_by IS NOT NULL", connection);
        var pids = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // Worker ids are "machine:pid:loop".
            var parts = reader.GetString(0).Split(':');
            if (parts.Length >= 3 && int.TryParse(parts[^2], out var pid))
            {
                pids.Add(pid);
            }
        }
        return pids;
    }

    private async Task<int> CountIndexedAsync()
    {
        var page = await _rag.ListDocumentsAsync(pageSize: RagPlatformClient.MaxPageSize);
        return page.Items.Count(d => d.Status == DocumentStatuses.Indexed);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
