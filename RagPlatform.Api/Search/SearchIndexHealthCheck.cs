using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RagPlatform.Api.Search;

/// <summary>Unhealthy until the embedded index has loaded from PostgreSQL, so no traffic meets a half-empty index.</summary>
public sealed class SearchIndexHealthCheck(EmbeddedIndexSynchronizer synchronizer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(synchronizer.IsLoaded
            ? HealthCheckResult.Healthy($"Embedded index in sync up to change {synchronizer.AppliedSequence}")
            : HealthCheckResult.Unhealthy("The embedded index is still loading from PostgreSQL"));
}
