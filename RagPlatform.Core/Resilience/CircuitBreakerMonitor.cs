using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace RagPlatform.Core.Resilience;

/// <summary>
/// The state of every dependency's circuit breaker, as metrics on the <c>RagPlatform.Resilience</c> meter
/// (<c>rag.circuit_breaker.state</c>: 0 closed, 1 open, 2 half-open; <c>rag.circuit_breaker.opens</c>; both tagged
/// <c>dependency</c>) and for <see cref="CircuitBreakerHealthCheck"/> and the handlers that degrade instead of failing.
/// </summary>
public sealed class CircuitBreakerMonitor
{
    public const string MeterName = "RagPlatform.Resilience";
    public const int Closed = 0;
    public const int Open = 1;
    public const int HalfOpen = 2;

    private readonly ConcurrentDictionary<string, int> _states = new(StringComparer.Ordinal);
    private readonly Counter<long> _opens;
    private readonly ILogger<CircuitBreakerMonitor> _logger;

    public CircuitBreakerMonitor(IMeterFactory meters, ILogger<CircuitBreakerMonitor> logger)
    {
        _logger = logger;
        var meter = meters.Create(MeterName);
        _opens = meter.CreateCounter<long>("rag.circuit_breaker.opens", description: "Times a dependency's circuit breaker opened");
        meter.CreateObservableGauge("rag.circuit_breaker.state", Observe,
            description: "Circuit breaker state per dependency: 0 closed, 1 open, 2 half-open");
        // Every dependency's series from the start (closed, no opens), not from its pipeline's first call: an alert or a
        // dashboard on the state sees 0 rather than no data, and every process exports the same set of series.
        foreach (var dependency in ResiliencePipelines.Defaults.Keys)
        {
            Track(dependency);
        }
    }

    /// <summary>Breakers that are not closed, by dependency.</summary>
    public IReadOnlyDictionary<string, int> NotClosed => _states.Where(s => s.Value != Closed).ToDictionary(s => s.Key, s => s.Value);

    public int StateOf(string dependency) => _states.GetValueOrDefault(dependency, Closed);

    internal void Track(string dependency)
    {
        if (_states.TryAdd(dependency, Closed))
        {
            _opens.Add(0, new KeyValuePair<string, object?>("dependency", dependency));
        }
    }

    internal ValueTask OnOpened(string dependency)
    {
        _states[dependency] = Open;
        _opens.Add(1, new KeyValuePair<string, object?>("dependency", dependency));
        _logger.LogWarning("Circuit breaker for {Dependency} opened: calls fail fast or degrade until it closes", dependency);
        return ValueTask.CompletedTask;
    }

    internal ValueTask OnHalfOpened(string dependency)
    {
        _states[dependency] = HalfOpen;
        return ValueTask.CompletedTask;
    }

    internal ValueTask OnClosed(string dependency)
    {
        _states[dependency] = Closed;
        _logger.LogInformation("Circuit breaker for {Dependency} closed", dependency);
        return ValueTask.CompletedTask;
    }

    private IEnumerable<Measurement<int>> Observe() =>
        _states.Select(s => new Measurement<int>(s.Value, new KeyValuePair<string, object?>("dependency", s.Key)));
}
