using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly.CircuitBreaker;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Resilience;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// Takes jobs from the queue and runs each document through the pipeline steps. Several loops may
/// run per process (Ingestion:Concurrency) and several processes per deployment: the queue keeps
/// them apart.
/// </summary>
public sealed class IngestionWorker(
    IngestionQueue queue,
    DocumentStore documents,
    IEnumerable<IPipelineStep> steps,
    JobSignal signal,
    IngestionMetrics metrics,
    IOptions<IngestionOptions> options,
    IOptions<IngestionQueueOptions> queueOptions,
    ILogger<IngestionWorker> logger) : BackgroundService
{
    public static readonly ActivitySource ActivitySource = new("RagPlatform.Ingestion");
    private Counter<long> Documents => metrics.Documents;
    private Counter<long> Chunks => metrics.Chunks;
    private Counter<long> Failures => metrics.Failures;
    private Histogram<double> StepDuration => metrics.StepDuration;

    private readonly IPipelineStep[] _steps = steps.ToArray();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = Enumerable.Range(0, options.Value.Concurrency)
            .Select(i => Task.Run(() => RunLoopAsync($"{Environment.MachineName}:{Environment.ProcessId}:{i}", stoppingToken), stoppingToken));
        return Task.WhenAll(loops);
    }

    private async Task RunLoopAsync(string workerId, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await queue.ClaimAsync(workerId, stoppingToken) is { } job)
                {
                    await ProcessAsync(job, stoppingToken);
                    continue; // drain the queue before waiting again
                }
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is unreachable or restarting; what was claimed comes back when its lease ends.
                logger.LogWarning(ex, "Ingestion loop {Worker} could not reach the database; retrying", workerId);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ProcessAsync(IngestionJob job, CancellationToken stoppingToken)
    {
        using var activity = ActivitySource.StartActivity("ingest");
        activity?.SetTag("rag.document.id", job.DocumentId);
        activity?.SetTag("rag.job.attempt", job.Attempt);

        var context = new IngestionContext(job);
        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // Cancelled when a heartbeat finds the job taken over (its lease lapsed): the work is another worker's now,
        // and embedding on would only spend the CPU that worker needs.
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeatTask = KeepLeaseAsync(job, attempt, heartbeat.Token);
        try
        {
            foreach (var step in _steps)
            {
                if (context.Satisfied.Contains(step.Name))
                {
                    continue;
                }
                await documents.ReportStepAsync(job.DocumentId, step.Name, stoppingToken);
                var started = Stopwatch.GetTimestamp();
                StepResult result;
                try
                {
                    result = await step.ExecuteAsync(context, attempt.Token);
                }
                catch (OperationCanceledException) when (attempt.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                    result = StepResult.Lost("its lease lapsed and another worker took the job over");
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    result = Classify(ex);
                }
                StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("step", step.Name));

                if (result.Outcome == StepOutcome.Success)
                {
                    continue;
                }
                if (result.Outcome == StepOutcome.JobLost)
                {
                    logger.LogInformation("Document {Document}: job no longer ours (deleted or taken over); dropping this attempt", job.DocumentId);
                    return;
                }
                var permanent = result.Outcome == StepOutcome.FatalError;
                logger.LogWarning("Document {Document} failed at step {Step} (attempt {Attempt}, {Kind}): {Error}",
                    job.DocumentId, step.Name, job.Attempt, permanent ? "permanent" : "transient", result.Error);
                Failures.Add(1, new TagList
                {
                    { "step", step.Name },
                    { "kind", permanent ? "permanent" : "transient" },
                    { "reason", result.Reason ?? "unknown" },
                });
                activity?.SetStatus(ActivityStatusCode.Error, result.Error);
                var error = $"{step.Name}: {result.Error}";
                var outcome = result.Outcome == StepOutcome.Deferred
                    ? await queue.DeferAsync(job, error, stoppingToken)
                    : await queue.FailAsync(job, error, permanent, stoppingToken);
                // A job lost meanwhile is another worker's now, so it is being retried too.
                Documents.Add(1, new KeyValuePair<string, object?>("outcome", outcome == FailureOutcome.GaveUp ? "failed" : "retried"));
                return;
            }

            Documents.Add(1, new KeyValuePair<string, object?>("outcome", "indexed"));
            Chunks.Add(context.Chunks.Count);
            logger.LogInformation("Document {Document} indexed: {Chunks} chunks", job.DocumentId, context.Chunks.Count);
        }
        finally
        {
            await heartbeat.CancelAsync();
            await heartbeatTask;
        }
    }

    private async Task KeepLeaseAsync(IngestionJob job, CancellationTokenSource attempt, CancellationToken cancellationToken)
    {
        var interval = queueOptions.Value.Lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                if (!await queue.HeartbeatAsync(job, cancellationToken))
                {
                    await attempt.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Heartbeat for job {Job} failed; the lease may lapse", job.JobId);
        }
    }

    /// <summary>
    /// Exceptions from a dependency are worth retrying; anything else says the input is bad. An open breaker says
    /// nothing about the document: it waits for the dependency without using up its attempts, so an outage longer
    /// than the retries can never fail documents for good.
    /// </summary>
    private static StepResult Classify(Exception ex) => ex switch
    {
        BrokenCircuitException or IsolatedCircuitException => StepResult.Deferred(ex.Message, FailureReasons.CircuitOpen),
        NpgsqlException or HttpRequestException or TimeoutException or IOException or TaskCanceledException
            => StepResult.Transient(ex.Message, ex.GetType().Name),
        _ when DependencyFailures.IsTransient(ex) => StepResult.Transient(ex.Message, ex.GetType().Name),
        _ => StepResult.Fatal(ex.Message, ex.GetType().Name),
    };
}
