using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RagPlatform.Core.Resilience;

/// <summary>
/// Degraded while any dependency's breaker is open or testing (half-open): the service still answers, with less
/// (no cache, keyword-only search, extractive answers, 503 for writes), so it must not be taken out of rotation.
/// </summary>
public sealed class CircuitBreakerHealthCheck(CircuitBreakerMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var notClosed = monitor.NotClosed;
        if (notClosed.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Every circuit breaker is closed"));
        }
        var described = string.Join(", ", notClosed.Select(s => $"{s.Key} {(s.Value == CircuitBreakerMonitor.Open ? "open" : "half-open")}"));
        return Task.FromResult(HealthCheckResult.Degraded($"Circuit breakers not closed: {described}",
            data: notClosed.ToDictionary(s => s.Key, s => (object)s.Value)));
    }
}
