using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using RagPlatform.Bench.Client;
using RagPlatform.Core.Backups;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Backups;

/// <summary>
/// The restore drill, end to end on real PostgreSQL with the real API, worker and restore command: ingest, back up
/// through the admin endpoint, keep writing, restore, destroy the database, restore again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RestoreDrillTests : IAsyncLifetime
{
    private static readonly string[] Queries = ["lighthouse keeper fog signal", "tide tables for the harbour", "bread starter rye flour"];

    private NativePostgres _postgres = null!;
    private string _database = "";
    private readonly string _backups = Directory.CreateTempSubdirectory("ragplatform-drill-").FullName;

    public async ValueTask InitializeAsync()
    {
        _postgres = await NativePostgres.StartAsync();
        await _postgres.CreateDatabaseAsync("ragdb");
        _database = _postgres.ConnectionStringFor("ragdb");
    }

    [Fact]
    public async Task ARestoredBackupBringsBackEveryDocumentAsItWasAndTheSafetyBackupKeepsWhatCameAfter()
    {
        // Ingest, and note what a user sees: the documents' bytes and chunks, and what searches find.
        await using var api = await StartApiAsync();
        var client = new RagApiClient(api.CreateClient().Authorize());
        await using var worker = TestHost.Worker().WithDatabase(_database).WithSetting("Ingestion:PollInterval", "00:00:00.200").Build();
        using var workerClient = worker.CreateClient();
        string[] texts =
        [
            "The lighthouse keeper logs the fog signal hours every night.",
            "Tide tables for the harbour are printed each spring by the port office.",
            "A rye bread starter wants rye flour, water and patience.",
        ];
        for (var i = 0; i < texts.Length; i++)
        {
            await client.UploadAsync(new { id = $"before-{i}", content = texts[i] });
        }
        for (var i = 0; i < texts.Length; i++)
        {
            await client.WaitForStatusAsync($"before-{i}", "indexed");
        }
        var searchesAtBackup = await SearchAllAsync(client);
        var contentsAtBackup = await DatabaseContents.ReadAsync(_database);

        // Back up through the operator's endpoint and wait for the set to be verified.
        using var admin = api.CreateClient().Authorize();
        using var started = await admin.PostAsync("/api/v1/admin/backups", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var backupId = await WaitUntilVerifiedAsync(admin, started.Headers.Location!);

        // Keep writing after the backup.
        await client.UploadAsync(new { id = "after", content = "Written after the backup: the night ferry timetable." });
        await client.WaitForStatusAsync("after", "indexed");
        await worker.DisposeAsync();
        await api.DisposeAsync();

        // Restore over the live database with the operator's command: a safety backup is taken first.
        var (exitCode, output) = await RestoreProcess.RunAsync(backupId, _database, _backups);
        Assert.True(exitCode == 0, output);
        var sets = await new LocalFolderBackupTarget(_backups).ListAsync(CancellationToken.None);
        var safety = Assert.Single(sets, s => s.Kind == BackupManifest.Kinds.Safety);
        Assert.True(safety.IsGood);

        Assert.Equal(contentsAtBackup, await DatabaseContents.ReadAsync(_database));
        await using (var restoredApi = await StartApiAsync())
        {
            var restoredClient = new RagApiClient(restoredApi.CreateClient().Authorize());
            Assert.Equal(searchesAtBackup, await SearchAllAsync(restoredClient));
            using var later = await restoredApi.CreateClient().Authorize().GetAsync("/api/v1/documents/after");
            Assert.Equal(HttpStatusCode.NotFound, later.StatusCode);
        }

        // Destroy the database, then restore the safety backup: the document written after the first backup is back.
        await DropDatabaseAsync();
        (exitCode, output) = await RestoreProcess.RunAsync(safety.Id, _database, _backups);
        Assert.True(exitCode == 0, output);
        Assert.True(await DatabaseContents.HasDocumentAsync(_database, TestCredentials.KeyOf("after")));
        var everything = await DatabaseContents.ReadAsync(_database);
        Assert.All(contentsAtBackup, row => Assert.Contains(row, everything));
    }

    [Fact]
    public async Task RestoringLatestFromAnEmptyTargetIsRefusedAndSaysWhy()
    {
        var (exitCode, output) = await RestoreProcess.RunAsync("latest", _database, _backups);

        Assert.Equal(2, exitCode);
        Assert.Contains("No verified backup", output);
    }

    private Task<WebApplicationFactory<ApiMarker>> StartApiAsync() => TestHost.Api()
        .WithDatabase(_database)
        .WithSetting("Backup:LocalPath", _backups)
        .WithSetting("RateLimiting:PermitLimit", "1000000")
        .StartAsync();

    private static async Task<List<string>> SearchAllAsync(RagApiClient client)
    {
        var results = new List<string>();
        foreach (var query in Queries)
        {
            foreach (var hit in await client.SearchAsync(query, topK: 3))
            {
                results.Add($"{query}: {RagApiClient.DocumentIdOf(hit)} {hit.GetProperty("chunkId").GetGuid()} {hit.GetProperty("score").GetDouble():F6}");
            }
        }
        return results;
    }

    private static async Task<string> WaitUntilVerifiedAsync(HttpClient admin, Uri status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var set = await admin.GetFromJsonAsync<JsonElement>(status);
            var current = set.GetProperty("status").GetString();
            if (current == BackupManifest.Statuses.Verified)
            {
                var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/backups");
                Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("id").GetString() == set.GetProperty("id").GetString()
                    && s.GetProperty("sizeBytes").GetInt64() > 0 && s.GetProperty("watermark").GetInt64() >= 3);
                return set.GetProperty("id").GetString()!;
            }
            Assert.NotEqual(BackupManifest.Statuses.Failed, current);
            Assert.True(DateTime.UtcNow < deadline, $"backup still {current}");
            await Task.Delay(200);
        }
    }

    private async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_postgres.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand("DROP DATABASE ragdb WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _postgres.DisposeAsync();
        Directory.Delete(_backups, recursive: true);
    }
}
