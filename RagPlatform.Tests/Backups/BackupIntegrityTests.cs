using Npgsql;
using RagPlatform.Core.Backups;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Backups;

/// <summary>One backup per occurrence however many instances race for it; a damaged set is refused by name.</summary>
[Collection(BackupDatabaseCollection.Name)]
public sealed class BackupIntegrityTests(BackupDatabaseFixture fixture)
{
    [Fact]
    public async Task TwoInstancesRacingForTheSameOccurrenceTakeExactlyOneBackup()
    {
        var database = await fixture.CreateDatabaseAsync();
        var target = BackupKit.TemporaryFolder();
        await using var first = new BackupKit(database, target);
        await using var second = new BackupKit(database, target);
        var occurrence = new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

        var raced = await Task.WhenAll(
            first.Service.RunScheduledAsync(occurrence, CancellationToken.None),
            second.Service.RunScheduledAsync(occurrence, CancellationToken.None));
        // An instance that wakes late, after the winner has finished, finds the occurrence taken.
        var late = await second.Service.RunScheduledAsync(occurrence, CancellationToken.None);

        var made = Assert.Single(raced, m => m is not null)!;
        Assert.Null(late);
        Assert.Equal(BackupManifest.Statuses.Verified, made.Status);
        var stored = Assert.Single(await target.ListAsync(CancellationToken.None));
        Assert.Equal(made.Id, stored.Id);
        Assert.Equal(occurrence, stored.ScheduledFor);
    }

    [Fact]
    public async Task AManifestRecordsTheWatermarkSchemaAndEveryFilesSizeAndSha256()
    {
        var database = await fixture.CreateDatabaseAsync(changes: 7);
        var target = BackupKit.TemporaryFolder();
        await using var kit = new BackupKit(database, target);

        var manifest = await kit.Service.RunNowAsync(BackupManifest.Kinds.Manual, CancellationToken.None);

        Assert.Equal(7, manifest.Watermark);
        Assert.Equal(RagPlatform.Core.Storage.Migrations.All.Max(m => m.Version), manifest.SchemaVersion);
        var file = Assert.Single(manifest.Files);
        var path = Path.Combine(target.Root, manifest.Id, file.Name);
        Assert.Equal(new FileInfo(path).Length, file.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), file.Sha256);
        Assert.NotNull(kit.Metrics.LastGood);
    }

    [Fact]
    public async Task ADumpWithOneByteFlippedIsRefusedNamingTheFileAndTheDatabaseIsLeftAsItWas()
    {
        var database = await fixture.CreateDatabaseAsync(changes: 2);
        var target = BackupKit.TemporaryFolder();
        await using var kit = new BackupKit(database, target);
        var manifest = await kit.Service.RunNowAsync(BackupManifest.Kinds.Manual, CancellationToken.None);
        var dump = Path.Combine(target.Root, manifest.Id, BackupManifest.DatabaseFile);
        var bytes = await File.ReadAllBytesAsync(dump);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(dump, bytes);
        await AddChangeAsync(database);

        var refusal = await Assert.ThrowsAsync<BackupRefusedException>(() => kit.Restorer.RestoreAsync(manifest.Id, CancellationToken.None));

        Assert.Equal("checksum", refusal.Reason);
        Assert.Contains(BackupManifest.DatabaseFile, refusal.Message);
        Assert.Contains(manifest.Id, refusal.Message);
        Assert.Equal(3L, await MaxSeqAsync(database)); // nothing restored, no safety backup taken
        Assert.Single(await target.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ASetOfAnOlderSchemaRestoresOverADatabaseMigratedPastIt()
    {
        var database = await fixture.CreateDatabaseAsync(changes: 4);
        var target = BackupKit.TemporaryFolder();
        await using var kit = new BackupKit(database, target);
        var manifest = await kit.Service.RunNowAsync(BackupManifest.Kinds.Manual, CancellationToken.None);
        // A later release's migration: a table of its own, and the version recorded.
        await ExecuteAsync(database, "CREATE TABLE later_feature (id int); INSERT INTO schema_migrations (version) VALUES (99)");

        await kit.Restorer.RestoreAsync(manifest.Id, CancellationToken.None);

        Assert.Equal(4L, await MaxSeqAsync(database));
        Assert.Equal(manifest.SchemaVersion, await ScalarAsync<int>(database, "SELECT max(version) FROM schema_migrations"));
        Assert.False(await ScalarAsync<bool>(database, "SELECT to_regclass('public.later_feature') IS NOT NULL"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static Task AddChangeAsync(string connectionString) =>
        ExecuteAsync(connectionString, "INSERT INTO index_changes (document_id, operation) VALUES ('default/later', 'upsert')");

    internal static Task<long> MaxSeqAsync(string connectionString) =>
        ScalarAsync<long>(connectionString, "SELECT coalesce(max(seq), 0) FROM index_changes");
}
