using System.Data;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RagPlatform.Core.Backups;

/// <summary>
/// Takes backup sets: one at a time across every process (a session advisory lock held for the whole run), the dump
/// taken inside one exported snapshot so that it and the recorded <c>index_changes</c> watermark describe the same
/// moment, then stored, read back and verified, and old sets removed by <see cref="BackupRetention"/>.
/// </summary>
public sealed class BackupService(
    NpgsqlDataSource dataSource,
    BackupDatabase database,
    IBackupTarget target,
    PostgresClientTools tools,
    BackupMetrics metrics,
    TimeProvider time,
    IOptions<BackupOptions> options,
    ILogger<BackupService> logger) : IBackupRunner
{
    private const long LockKey = 0x5241_4750_4241_434B; // "RAGPBACK"

    private static readonly string PlatformVersion =
        typeof(BackupService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public IBackupTarget Target => target;

    public Task EnsureReadyAsync(CancellationToken cancellationToken) => tools.EnsureCanDumpAsync(dataSource, cancellationToken);

    public async Task<BackupManifest?> NewestGoodAsync(CancellationToken cancellationToken) =>
        (await target.ListAsync(cancellationToken)).Where(m => m.IsGood).MaxBy(m => m.CreatedAt);

    public async Task<BackupManifest?> RunScheduledAsync(DateTimeOffset occurrence, CancellationToken cancellationToken) =>
        await TryStartAsync(BackupManifest.Kinds.Scheduled, occurrence, cancellationToken) is { } run ? await run.Completion : null;

    /// <summary>
    /// Starts a backup and returns once its running manifest is stored; null when another instance is running one, or
    /// (for a scheduled run) another instance already took <paramref name="scheduledFor"/>.
    /// </summary>
    public async Task<BackupRun?> TryStartAsync(string kind, DateTimeOffset? scheduledFor, CancellationToken cancellationToken)
    {
        var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", lockConnection);
            tryLock.Parameters.AddWithValue("key", LockKey);
            if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
            {
                await lockConnection.DisposeAsync();
                return null;
            }
            if (scheduledFor is not null && (await target.ListAsync(cancellationToken))
                .Any(m => m.ScheduledFor == scheduledFor && m.Status != BackupManifest.Statuses.Failed))
            {
                logger.LogInformation("The backup scheduled for {Occurrence} was taken by another instance", scheduledFor);
                await UnlockAsync(lockConnection);
                return null;
            }
            var now = time.GetUtcNow();
            var started = new BackupManifest(BackupIds.New(now), now, kind, BackupManifest.Statuses.Running, PlatformVersion, 0, 0, [], scheduledFor);
            await target.WriteManifestAsync(started, cancellationToken);
            // The run outlives the request that started it (POST answers 202 at once), so it is not cancelled with it.
            var completion = Task.Run(() => RunAsync(started, lockConnection), CancellationToken.None);
            return new BackupRun(started, completion);
        }
        catch
        {
            await UnlockAsync(lockConnection);
            throw;
        }
    }

    /// <summary>Runs a backup now and waits for it (the safety backup before a restore); throws if it did not verify.</summary>
    public async Task<BackupManifest> RunNowAsync(string kind, CancellationToken cancellationToken)
    {
        var run = await TryStartAsync(kind, null, cancellationToken)
            ?? throw new BackupRefusedException("busy", "Another backup is running; try again when it has finished.");
        var manifest = await run.Completion;
        return manifest.IsGood ? manifest
            : throw new BackupRefusedException("safety_backup", $"Backup {manifest.Id} did not complete: {manifest.Error}");
    }

    private async Task<BackupManifest> RunAsync(BackupManifest started, NpgsqlConnection lockConnection)
    {
        using var activity = BackupMetrics.ActivitySource.StartActivity($"backup {started.Kind}");
        activity?.SetTag("backup.id", started.Id);
        var startedAt = time.GetTimestamp();
        var staging = Directory.CreateTempSubdirectory("ragplatform-backup-");
        var manifest = started;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromHours(6));
            var ct = timeout.Token;
            await tools.EnsureCanDumpAsync(dataSource, ct);
            var dumpFile = Path.Combine(staging.FullName, BackupManifest.DatabaseFile);
            var (schemaVersion, watermark) = await DumpAsync(dumpFile, ct);
            manifest = manifest with { SchemaVersion = schemaVersion, Watermark = watermark };

            BackupFile file;
            using (BackupMetrics.ActivitySource.StartActivity("backup store"))
            {
                var (sha256, length) = await FileHashes.Sha256Async(dumpFile, ct);
                file = new BackupFile(BackupManifest.DatabaseFile, length, sha256);
                await using var content = File.OpenRead(dumpFile);
                await target.WriteFileAsync(started.Id, file.Name, content, ct);
            }
            manifest = manifest with { Files = [file], Status = BackupManifest.Statuses.Complete };
            await target.WriteManifestAsync(manifest, ct);

            using (BackupMetrics.ActivitySource.StartActivity("backup verify"))
            {
                await VerifyStoredAsync(manifest, ct);
                await tools.ListAsync(dumpFile, ct);
            }
            manifest = manifest with { Status = BackupManifest.Statuses.Verified, CompletedAt = time.GetUtcNow() };
            await target.WriteManifestAsync(manifest, ct);
            metrics.Succeeded(manifest, time.GetElapsedTime(startedAt));
            logger.LogInformation("Backup {Id} verified: {Bytes} bytes, watermark {Watermark}, in {Location}",
                manifest.Id, manifest.SizeBytes, manifest.Watermark, target.Describe(manifest.Id));
            await ApplyRetentionAsync(ct);
            return manifest;
        }
        catch (Exception ex)
        {
            var reason = ex is BackupRefusedException refused ? refused.Reason : manifest.Status == BackupManifest.Statuses.Running ? "dump" : "store";
            if (ex is BackupRefusedException refusal)
            {
                metrics.Refused(refusal);
            }
            else
            {
                metrics.Failed(reason);
            }
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogError(ex, "Backup {Id} failed ({Reason})", started.Id, reason);
            manifest = manifest with { Status = BackupManifest.Statuses.Failed, Error = ex.Message, CompletedAt = time.GetUtcNow() };
            await TryWriteManifestAsync(manifest);
            return manifest;
        }
        finally
        {
            staging.Delete(recursive: true);
            await UnlockAsync(lockConnection);
        }
    }

    /// <summary>pg_dump inside a snapshot exported by a transaction that also reads the watermark and schema version.</summary>
    private async Task<(int SchemaVersion, long Watermark)> DumpAsync(string dumpFile, CancellationToken ct)
    {
        using var activity = BackupMetrics.ActivitySource.StartActivity("backup dump");
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var snapshot = (string)(await Scalar(connection, transaction, "SELECT pg_export_snapshot()", ct))!;
        var watermark = await Scalar(connection, transaction, "SELECT to_regclass('public.index_changes') IS NOT NULL", ct) is true
            ? (long)(await Scalar(connection, transaction, "SELECT coalesce(max(seq), 0) FROM index_changes", ct))!
            : 0;
        var schemaVersion = await Scalar(connection, transaction, "SELECT to_regclass('public.schema_migrations') IS NOT NULL", ct) is true
            ? (int)(await Scalar(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_migrations", ct))!
            : 0;
        activity?.SetTag("backup.watermark", watermark);
        // The snapshot lives as long as this transaction: it stays open until pg_dump has finished.
        await tools.DumpAsync(database.ConnectionString, snapshot, dumpFile, ct);
        await transaction.CommitAsync(ct);
        return (schemaVersion, watermark);
    }

    private async Task VerifyStoredAsync(BackupManifest manifest, CancellationToken ct)
    {
        foreach (var file in manifest.Files)
        {
            await using var stored = await target.OpenReadAsync(manifest.Id, file.Name, ct);
            var (sha256, length) = await FileHashes.Sha256Async(stored, ct);
            if (sha256 != file.Sha256 || length != file.SizeBytes)
            {
                throw new BackupRefusedException("verify", $"Backup {manifest.Id}: the stored {file.Name} does not match what was written.");
            }
        }
    }

    private async Task ApplyRetentionAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var expired = BackupRetention.Expired(await target.ListAsync(ct), time.GetUtcNow(), TimeSpan.FromDays(settings.RetentionDays), settings.IncompleteAfter);
        foreach (var set in expired)
        {
            logger.LogInformation("Removing backup {Id} ({Status}, taken {CreatedAt}): past retention", set.Id, set.Status, set.CreatedAt);
            await target.DeleteAsync(set.Id, ct);
        }
    }

    private async Task TryWriteManifestAsync(BackupManifest manifest)
    {
        try
        {
            await target.WriteManifestAsync(manifest, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The set stays "running" and is purged as incomplete after a day.
            logger.LogWarning(ex, "Could not record backup {Id} as failed", manifest.Id);
        }
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task UnlockAsync(NpgsqlConnection lockConnection)
    {
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            unlock.Parameters.AddWithValue("key", LockKey);
            await unlock.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A broken connection is not returned to the pool; its session, and so the lock, ended with it.
        }
        await lockConnection.DisposeAsync();
    }
}
