using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core.Resilience;

namespace RagPlatform.Tests.Resilience;

public class CircuitBreakerMonitorTests
{
    [Fact]
    public void EveryDependencysStateIsReportedClosedBeforeItsFirstCall()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        _ = new CircuitBreakerMonitor(meters, NullLogger<CircuitBreakerMonitor>.Instance);
        var states = new Dictionary<string, int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "rag.circuit_breaker.state" && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => states[(string)tags[0].Value!] = value);
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(ResiliencePipelines.Defaults.Keys.Order(), states.Keys.Order());
        Assert.All(states.Values, state => Assert.Equal(CircuitBreakerMonitor.Closed, state));
    }
}
