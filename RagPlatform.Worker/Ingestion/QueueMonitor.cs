using System.Diagnostics.Metrics;
using Npgsql;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// Publishes the queue's depth and lag as gauges, read from PostgreSQL every few seconds (a gauge
/// callback cannot wait on a query, and a scrape must not cost one).
/// </summary>
public sealed class QueueMonitor(IngestionQueue queue, IMeterFactory meters, ILogger<QueueMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly Meter _meter = meters.Create(IngestionMetrics.MeterName);
    private QueueDepth _snapshot = new(0, 0, TimeSpan.Zero);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _meter.CreateObservableGauge("rag.ingestion.queue.depth", () => new[]
        {
            new Measurement<long>(_snapshot.Waiting, new KeyValuePair<string, object?>("state", "waiting")),
            new Measurement<long>(_snapshot.Running, new KeyValuePair<string, object?>("state", "running")),
        }, description: "Ingestion jobs waiting (due now) and running");
        _meter.CreateObservableGauge("rag.ingestion.queue.lag", () => _snapshot.Lag.TotalSeconds, unit: "s",
            description: "How long the oldest due job has been waiting");

        using var timer = new PeriodicTimer(Interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _snapshot = await queue.MeasureAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogDebug(ex, "Could not read the queue's depth");
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
