using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// Everything a host writes to its logs (message, every structured value, exception, scopes) and every span of the test
/// process (tags, events, status), as text, for asserting that something never appears in either.
/// </summary>
public sealed class TelemetryCapture : ILoggerProvider, ISupportExternalScope, IDisposable
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly ActivityListener? _spans;
    private IExternalScopeProvider? _scopes;

    /// <param name="spans">Also record every span of the process until disposed (a host's telemetry, not only its logs).</param>
    public TelemetryCapture(bool spans = true)
    {
        if (!spans)
        {
            return;
        }
        _spans = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_spans);
    }

    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>The entries holding <paramref name="secret"/>, for a failure message.</summary>
    public List<string> Containing(string secret) => _entries.Where(entry => entry.Contains(secret, StringComparison.Ordinal)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    private void Record(Activity span)
    {
        var text = $"span {span.Source.Name} {span.DisplayName} {span.StatusDescription} "
            + string.Join(" ", span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"))
            + string.Join(" ", span.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name}:{tag.Key}={tag.Value}")));
        _entries.Enqueue(text);
    }

    public void Dispose() => _spans?.Dispose();

    private sealed class Logger(TelemetryCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(pair => $"{pair.Key}={pair.Value}")) : "";
            var scopes = new List<string>();
            capture._scopes?.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
            capture._entries.Enqueue($"log {logLevel} {category}: {formatter(state, exception)} | {values} | {string.Join(" ", scopes)} | {exception}");
        }
    }
}
