using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Api.Ingestion;

/// <summary>
/// Degraded when queued work has no live worker: work has been due for longer than
/// <see cref="IngestionHealthOptions.NoWorkerAfter"/> and no job is held under a live lease. Queue lag alone cannot
/// tell a busy queue from a dead one (120 documents take minutes with every worker busy); leases can, because a
/// working worker renews the lease of each job it holds every few seconds, and an idle live worker claims due work
/// within its poll interval. So the leases serve as the workers' heartbeats, with no table of their own.
/// </summary>
public sealed class IngestionWorkersHealthCheck(IngestionQueue queue, IOptions<IngestionHealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        QueueDepth depth;
        try
        {
            depth = await queue.MeasureAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded("Could not read the ingestion queue", ex);
        }

        var data = new Dictionary<string, object> { ["waiting"] = depth.Waiting, ["running"] = depth.Running, ["lagSeconds"] = depth.Lag.TotalSeconds };
        return depth.Running == 0 && depth.Waiting > 0 && depth.Lag > options.Value.NoWorkerAfter
            ? HealthCheckResult.Degraded(
                $"Ingestion has stopped: {depth.Waiting} job(s) due, the oldest for {depth.Lag.TotalSeconds:F0} s, and no worker holds any job", data: data)
            : HealthCheckResult.Healthy($"{depth.Waiting} job(s) waiting, {depth.Running} running, lag {depth.Lag.TotalSeconds:F0} s", data);
    }
}
