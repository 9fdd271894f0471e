using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// Sums what a <c>long</c> counter records, by the value of one tag, from the moment it is created. A test process hosts
/// several APIs and workers whose meters share names, so <paramref name="meterScope"/> (a host's IMeterFactory) narrows
/// it to one host's instruments when given.
/// </summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public CounterRecorder(string meterName, string instrumentName, string tagKey, object? meterScope = null)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Name == instrumentName
                && (meterScope is null || ReferenceEquals(instrument.Meter.Scope, meterScope)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == tagKey && tag.Value is string tagValue)
                {
                    _totals.AddOrUpdate(tagValue, value, (_, total) => total + value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The total recorded with the tag equal to <paramref name="tagValue"/>.</summary>
    public long Of(string tagValue) => _totals.GetValueOrDefault(tagValue);

    public void Dispose() => _listener.Dispose();
}
