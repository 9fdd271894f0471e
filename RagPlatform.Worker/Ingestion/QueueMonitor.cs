using System.Diagnostics.Metrics;
using Npgsql;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// Publishes the queue's depth and lag as gauges, read from PostgreSQL every few seconds (a gauge
/// callback cannot wait on a query, and a scrape must not cost one).
/// </summary>
public sealed class QueueMonitor(NpgsqlDataSource dataSource, IMeterFactory meters, ILogger<QueueMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly Meter _meter = meters.Create(IngestionMetrics.MeterName);
    private QueueSnapshot _snapshot = new(0, 0, 0);

    private sealed record QueueSnapshot(long Waiting, long Running, double LagSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _meter.CreateObservableGauge("rag.ingestion.queue.depth", () => new[]
        {
            new Measurement<long>(_snapshot.Waiting, new KeyValuePair<string, object?>("state", "waiting")),
            new Measurement<long>(_snapshot.Running, new KeyValuePair<string, object?>("state", "running")),
        }, description: "Ingestion jobs waiting (due now) and running");
        _meter.CreateObservableGauge("rag.ingestion.queue.lag", () => _snapshot.LagSeconds, unit: "s",
            description: "How long the oldest due job has been waiting");

        using var timer = new PeriodicTimer(Interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var command = dataSource.CreateCommand("""
                    SELECT count(*) FILTER (WHERE status = 'queued' AND available_at <= now()),
                           count(*) FILTER (WHERE status = 'running'),
                           coalesce(extract(epoch FROM now() - min(available_at) FILTER (WHERE status = 'queued' AND available_at <= now())), 0)::float8
                    FROM ingestion_jobs
                    """);
                await using var reader = await command.ExecuteReaderAsync(stoppingToken);
                await reader.ReadAsync(stoppingToken);
                _snapshot = new QueueSnapshot(reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2));
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
