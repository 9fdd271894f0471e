using Microsoft.Extensions.Options;
using RagPlatform.Core.Backups;

namespace RagPlatform.Worker.Backups;

/// <summary>
/// Runs backups on <c>Backup:Schedule</c>. It lives in the worker: the worker already hosts the platform's background
/// duties (ingestion, the Qdrant projection), has no request latency for a dump to disturb, and may run as several
/// replicas, of which the backup service's advisory lock lets exactly one take each occurrence. At start it takes a run
/// that was missed while nothing ran (the machine was off at 02:00).
/// </summary>
public sealed class BackupScheduler(
    IBackupRunner runner,
    BackupMetrics metrics,
    TimeProvider time,
    IOptions<BackupOptions> options,
    ILogger<BackupScheduler> logger) : BackgroundService
{
    // Waits are cut into pieces no longer than this, so a clock that jumps (a suspended VM) is noticed within it.
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = BackupSchedule.From(options.Value);
        while (true)
        {
            try
            {
                await runner.EnsureReadyAsync(stoppingToken);
                break;
            }
            catch (BackupRefusedException refusal)
            {
                metrics.Refused(refusal);
                logger.LogCritical("Backups are refused on this machine: {Reason}", refusal.Message);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // PostgreSQL not answering yet must not stop the worker (an unhandled error here would stop the host).
                logger.LogWarning(ex, "Cannot check pg_dump against the server yet; trying again in {Delay}", LongestWait);
                await Task.Delay(LongestWait, time, stoppingToken);
            }
        }

        var newest = await NewestGoodOrNullAsync(stoppingToken);
        if (newest is not null)
        {
            metrics.NewestGood(newest.CreatedAt);
        }
        var cursor = time.GetUtcNow();
        if (schedule.Missed(newest?.CreatedAt, cursor) is { } missed)
        {
            logger.LogInformation("The backup due at {Occurrence} was missed; taking it now", missed);
            await RunAsync(missed, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.Next(cursor);
            for (var wait = next - time.GetUtcNow(); wait > TimeSpan.Zero; wait = next - time.GetUtcNow())
            {
                await Task.Delay(wait < LongestWait ? wait : LongestWait, time, stoppingToken);
            }
            await RunAsync(next, stoppingToken);
            cursor = next;
        }
    }

    private async Task RunAsync(DateTimeOffset occurrence, CancellationToken stoppingToken)
    {
        try
        {
            var manifest = await runner.RunScheduledAsync(occurrence, stoppingToken);
            if (manifest is null)
            {
                logger.LogInformation("The backup due at {Occurrence} runs elsewhere", occurrence);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The service records failures in the set's manifest and the metrics; the schedule goes on.
            logger.LogError(ex, "The backup due at {Occurrence} could not start", occurrence);
        }
    }

    private async Task<BackupManifest?> NewestGoodOrNullAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await runner.NewestGoodAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not list the existing backups; no missed run is taken");
            return null;
        }
    }
}
