using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace RagPlatform.Core.Storage;

/// <summary>
/// PostgreSQL answers a trivial query, through the <c>postgres</c> pipeline (<see cref="GuardedDatabase"/>: probes
/// count towards its breaker and never hang). A failure reports the registration's failure status: Degraded for the
/// API, which still searches from its in-memory index; Unhealthy for the worker, which can do nothing without the database.
/// </summary>
public sealed class DatabaseHealthCheck(GuardedDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.ReadAsync(async (connection, token) =>
            {
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                return await command.ExecuteScalarAsync(token);
            }, cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL is unavailable", ex);
        }
    }
}
