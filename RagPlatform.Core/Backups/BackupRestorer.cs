using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RagPlatform.Core.Backups;

/// <summary>
/// Puts a backup set back: the set's files are fetched and checked against the manifest's SHA-256 (a mismatch refuses,
/// naming the file), what the database holds now is backed up first unless it is empty, then pg_restore replaces the
/// database in one transaction. The indexes follow from PostgreSQL: the embedded index loads at the API's start, and
/// the Qdrant projection's checkpoint is cleared so it replays the whole change log from the stored vectors.
/// </summary>
public sealed class BackupRestorer(
    BackupDatabase database,
    IBackupTarget target,
    PostgresClientTools tools,
    BackupService backups,
    IOptions<BackupOptions> options,
    ILogger<BackupRestorer> logger)
{
    public const string Latest = "latest";

    /// <summary>Restores <paramref name="backupIdOrLatest"/> ("latest": the newest verified set) and returns its manifest.</summary>
    public async Task<RestoreResult> RestoreAsync(string backupIdOrLatest, CancellationToken cancellationToken)
    {
        using var activity = BackupMetrics.ActivitySource.StartActivity("backup restore");
        var manifest = await ResolveAsync(backupIdOrLatest, cancellationToken);
        activity?.SetTag("backup.id", manifest.Id);
        var staging = Directory.CreateTempSubdirectory("ragplatform-restore-");
        try
        {
            await FetchAndCheckAsync(manifest, staging.FullName, cancellationToken);
            await EnsureDatabaseExistsAsync(cancellationToken);

            BackupManifest? safety = null;
            if (options.Value.SafetyBackup && !await IsEmptyAsync(cancellationToken))
            {
                safety = await backups.RunNowAsync(BackupManifest.Kinds.Safety, cancellationToken);
                logger.LogInformation("Safety backup {Id} holds the database as it was before the restore", safety.Id);
            }

            await DropNewerSchemaAsync(manifest, cancellationToken);
            using (BackupMetrics.ActivitySource.StartActivity("backup pg_restore"))
            {
                await tools.RestoreAsync(database.ConnectionString, Path.Combine(staging.FullName, BackupManifest.DatabaseFile), cancellationToken);
            }
            await ResetProjectionsAsync(cancellationToken);
            logger.LogInformation("Restored backup {Id} (taken {CreatedAt}, schema {Schema}, watermark {Watermark})",
                manifest.Id, manifest.CreatedAt, manifest.SchemaVersion, manifest.Watermark);
            return new RestoreResult(manifest, safety);
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    private async Task<BackupManifest> ResolveAsync(string backupIdOrLatest, CancellationToken ct)
    {
        if (string.Equals(backupIdOrLatest, Latest, StringComparison.OrdinalIgnoreCase))
        {
            return await backups.NewestGoodAsync(ct)
                ?? throw new BackupRefusedException("not_found", "No verified backup in the backup target (Backup:Target and its location).");
        }
        var manifest = await target.GetAsync(backupIdOrLatest, ct)
            ?? throw new BackupRefusedException("not_found", $"No backup '{backupIdOrLatest}' in the backup target.");
        return manifest.Status is BackupManifest.Statuses.Verified or BackupManifest.Statuses.Complete
            ? manifest
            : throw new BackupRefusedException("incomplete", $"Backup {manifest.Id} is {manifest.Status}, not a complete set: {manifest.Error}");
    }

    private async Task FetchAndCheckAsync(BackupManifest manifest, string folder, CancellationToken ct)
    {
        if (manifest.Files.All(f => f.Name != BackupManifest.DatabaseFile))
        {
            throw new BackupRefusedException("incomplete", $"Backup {manifest.Id} has no {BackupManifest.DatabaseFile}.");
        }
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(folder, Path.GetFileName(file.Name));
            await using (var stored = await target.OpenReadAsync(manifest.Id, file.Name, ct))
            await using (var local = File.Create(path))
            {
                await stored.CopyToAsync(local, ct);
            }
            var (sha256, length) = await FileHashes.Sha256Async(path, ct);
            if (sha256 != file.Sha256 || length != file.SizeBytes)
            {
                throw new BackupRefusedException("checksum",
                    $"Backup {manifest.Id}: {file.Name} does not match its manifest (SHA-256 {sha256}, {length} bytes; expected {file.Sha256}, {file.SizeBytes} bytes). Refusing to restore from it.");
            }
        }
    }

    /// <summary>A destroyed database (dropped, a new server) is created again, empty, so the restore has a place to go.</summary>
    private async Task EnsureDatabaseExistsAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        try
        {
            await using var probe = new NpgsqlConnection(builder.ConnectionString);
            await probe.OpenAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            var name = builder.Database!;
            builder.Database = "postgres";
            await using var maintenance = new NpgsqlConnection(builder.ConnectionString);
            await maintenance.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"")}\"", maintenance);
            await create.ExecuteNonQueryAsync(ct);
            logger.LogWarning("Database {Database} did not exist; created it empty for the restore", name);
        }
    }

    private async Task<bool> IsEmptyAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('public.documents') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(ct) is not true)
        {
            return true;
        }
        await using var any = new NpgsqlCommand("SELECT NOT EXISTS (SELECT 1 FROM documents)", connection);
        return await any.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>
    /// pg_restore --clean drops only what the dump holds: over a database migrated past the set's schema, tables of the
    /// later migrations would stay, and the API's migrator would then fail to create them again. Such a database is
    /// emptied first; the safety backup taken just before holds it.
    /// </summary>
    private async Task DropNewerSchemaAsync(BackupManifest manifest, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('public.schema_migrations') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(ct) is not true)
        {
            return;
        }
        await using var version = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection);
        var current = (int)(await version.ExecuteScalarAsync(ct))!;
        if (current > manifest.SchemaVersion)
        {
            logger.LogWarning("The database has schema {Current}, newer than backup {Id}'s {Schema}: emptying it before the restore",
                current, manifest.Id, manifest.SchemaVersion);
            await using var drop = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Qdrant still holds points of the database as it was (documents written after the backup among them): with no
    /// checkpoint its projector replays the restored change log from the start, and reconciliation removes the rest.
    /// </summary>
    private async Task ResetProjectionsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "DO $$ BEGIN IF to_regclass('public.index_projections') IS NOT NULL THEN DELETE FROM index_projections; END IF; END $$", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }
}

/// <summary>What a restore put back, and the safety backup taken of what was there before (null: the database was empty).</summary>
public sealed record RestoreResult(BackupManifest Restored, BackupManifest? SafetyBackup);
