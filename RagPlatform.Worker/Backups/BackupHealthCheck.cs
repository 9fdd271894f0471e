using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Backups;

namespace RagPlatform.Worker.Backups;

/// <summary>
/// Degraded while the newest good backup is older than twice the schedule's interval (one missed run is tolerated,
/// two are not), or while backups are refused here. Before any backup exists, the process's start stands in for it.
/// </summary>
public sealed class BackupHealthCheck(BackupMetrics metrics, TimeProvider time, IOptions<BackupOptions> options) : IHealthCheck
{
    private readonly DateTimeOffset _started = time.GetUtcNow();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (metrics.Refusal is { } refusal)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Backups refused: {refusal}"));
        }
        var now = time.GetUtcNow();
        var limit = 2 * BackupSchedule.From(options.Value).IntervalAfter(now);
        var newest = metrics.LastGood ?? _started;
        return Task.FromResult(now - newest > limit
            ? HealthCheckResult.Degraded($"The newest good backup is from {newest:u}, older than twice the backup interval ({limit}).")
            : HealthCheckResult.Healthy());
    }
}
