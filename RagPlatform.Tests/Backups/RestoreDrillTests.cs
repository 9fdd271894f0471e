using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using RagPlatform.Client;
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
        using var http = api.CreateClient().Authorize();
        var client = new RagPlatformClient(http);
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
            await client.UploadAsync(new TextDocument(texts[i], Id: $"before-{i}"));
        }
        for (var i = 0; i < texts.Length; i++)
        {
            await client.WaitForStatusAsync($"before-{i}", DocumentStatuses.Indexed);
        }
        var searchesAtBackup = await SearchAllAsync(client);
        var contentsAtBackup = await DatabaseContents.ReadAsync(_database);

        // Back up through the operator's endpoint and wait for the set to be verified.
        var started = await client.StartBackupAsync();
        var backupId = await WaitUntilVerifiedAsync(client, started.Id);

        // Keep writing after the backup.
        await client.UploadAsync(new TextDocument("Written after the backup: the night ferry timetable.", Id: "after"));
        await client.WaitForStatusAsync("after", DocumentStatuses.Indexed);
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
            using var restoredHttp = restoredApi.CreateClient().Authorize();
            var restoredClient = new RagPlatformClient(restoredHttp);
            Assert.Equal(searchesAtBackup, await SearchAllAsync(restoredClient));
            var later = await Assert.ThrowsAsync<RagPlatformApiException>(() => restoredClient.GetDocumentAsync("after"));
            Assert.Equal(HttpStatusCode.NotFound, later.Status);
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

    private static async Task<List<string>> SearchAllAsync(RagPlatformClient client)
    {
        var results = new List<string>();
        foreach (var query in Queries)
        {
            foreach (var hit in await client.SearchAsync(query, topK: 3))
            {
                results.Add($"{query}: {hit.DocumentId} {hit.ChunkId} {hit.Score:F6}");
            }
        }
        return results;
    }

    private static async Task<string> WaitUntilVerifiedAsync(RagPlatformClient admin, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var set = await admin.GetBackupAsync(id);
            var current = set.Status;
            if (current == BackupManifest.Statuses.Verified)
            {
                var listed = await admin.ListBackupsAsync();
                Assert.Contains(listed, s => s.Id == set.Id && s.SizeBytes > 0 && s.Watermark >= 3);
                return set.Id;
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
