using Microsoft.Extensions.Options;
using Npgsql;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Core.Ingestion;

/// <summary>
/// The ingestion queue, <c>ingestion_jobs</c> (with <c>idempotency_keys</c>), for the API and the worker alike. Claims
/// use FOR UPDATE SKIP LOCKED, so workers never wait on each other, and a lease, so a job whose worker died is claimed
/// again once the lease runs out. Each call that changes a job also changes its document through
/// <see cref="DocumentStore"/>, in the same transaction. Every time written (leases, backoff, timestamps) is read from
/// the injected <see cref="TimeProvider"/>, never the database's clock.
/// </summary>
public sealed class IngestionQueue(GuardedDatabase database, DocumentStore documents, TimeProvider time, IOptions<IngestionQueueOptions> options)
{
    /// <summary>
    /// Writes the document and queues its job in one transaction, replacing any job it had (a worker still busy with
    /// that one finds it gone when it completes: <see cref="CompletionOutcome.JobGone"/>), and wakes the workers. With an
    /// <paramref name="idempotency"/> key the key is claimed first and the response stored with the job: a repeat gets
    /// that response back and writes nothing (a concurrent repeat waits for the first's transaction, then reads it).
    /// </summary>
    public Task<EnqueueOutcome> EnqueueAsync(DocumentWrite write, IdempotentRequest? idempotency, CancellationToken cancellationToken) =>
        database.WriteAsync((transaction, token) => EnqueueAsync(transaction, write, idempotency, token), cancellationToken);

    private async Task<EnqueueOutcome> EnqueueAsync(
        NpgsqlTransaction transaction, DocumentWrite write, IdempotentRequest? idempotency, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var connection = transaction.Connection!;
        if (idempotency is not null && await IdempotencyKeyStore.ClaimAsync(transaction, idempotency, now, cancellationToken) is { } stored)
        {
            await transaction.RollbackAsync(cancellationToken);
            return stored.SameRequest ? new EnqueueOutcome.Replayed(stored.StatusCode, stored.Json) : new EnqueueOutcome.KeyReused();
        }
        if (await write.Apply(transaction, cancellationToken) is { } refusal)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new EnqueueOutcome.Refused(refusal);
        }

        await using (var command = new NpgsqlCommand($"""
            DELETE FROM ingestion_jobs WHERE document_id = @document;
            INSERT INTO ingestion_jobs (document_id, status, available_at, created_at, updated_at) VALUES (@document, 'queued', @now, @now, @now);
            NOTIFY {NotificationChannels.IngestionJobs};
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("document", write.DocumentKey);
            command.Parameters.AddWithValue("now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        if (idempotency is not null)
        {
            await IdempotencyKeyStore.StoreResponseAsync(transaction, idempotency, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new EnqueueOutcome.Created();
    }

    /// <summary>Queues a failed document again, its attempts reset (POST /api/v1/documents/{id}/retry).</summary>
    public Task<EnqueueOutcome> RetryAsync(string documentKey, CancellationToken cancellationToken) =>
        EnqueueAsync(documents.ResetFailed(documentKey), idempotency: null, cancellationToken);

    /// <summary>
    /// The oldest job due (queued and available, or running with its lease run out), leased to <paramref name="workerId"/>
    /// for one attempt, its document marked processing; null when none is due.
    /// </summary>
    public async Task<IngestionJob?> ClaimAsync(string workerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long jobId;
        string documentKey;
        int attempts;
        await using (var command = new NpgsqlCommand("""
            WITH next AS (
                SELECT id FROM ingestion_jobs
                WHERE (status = 'queued' AND available_at <= @now) OR (status = 'running' AND locked_until < @now)
                ORDER BY available_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
            )
            UPDATE ingestion_jobs j
            SET status = 'running', attempts = j.attempts + 1, locked_by = @worker, locked_until = @until, updated_at = @now
            FROM next WHERE j.id = next.id
            RETURNING j.id, j.document_id, j.attempts
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("until", now + options.Value.Lease);
            command.Parameters.AddWithValue("worker", workerId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            (jobId, documentKey, attempts) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2));
        }
        var job = await documents.StartProcessingAsync(transaction, jobId, workerId, documentKey, attempts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    /// <summary>Extends the lease of a job still held by its worker; false when it is no longer theirs.</summary>
    public async Task<bool> HeartbeatAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE ingestion_jobs SET locked_until = @until, updated_at = @now
            WHERE id = @job AND status = 'running' AND locked_by = @worker
            """, connection);
        command.Parameters.AddWithValue("until", now + options.Value.Lease);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("job", job.JobId);
        command.Parameters.AddWithValue("worker", job.WorkerId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Completes the job and commits <paramref name="result"/> (<see cref="DocumentStore.Indexed"/>) with it, only if the
    /// job is still its worker's: a late finisher never overwrites the work of the worker that took over, and a deleted
    /// or replaced document is not resurrected.
    /// </summary>
    public Task<CompletionOutcome> CompleteAsync(IngestionJob job, DocumentWrite result, CancellationToken cancellationToken) =>
        // Run again when a user's delete or replace of the same document made it a deadlock's victim: the attempt's work is done.
        database.WriteAsync((transaction, token) => CompleteAsync(transaction, job, result, token), cancellationToken);

    private async Task<CompletionOutcome> CompleteAsync(NpgsqlTransaction transaction, IngestionJob job, DocumentWrite result, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        CompletionOutcome outcome;
        // The outer SELECT sees the row as it was before the UPDATE: whether the job still exists tells gone from taken over.
        await using (var command = new NpgsqlCommand("""
            WITH done AS (
                UPDATE ingestion_jobs SET status = 'done', locked_by = NULL, locked_until = NULL, last_error = NULL, updated_at = @now
                WHERE id = @job AND status = 'running' AND locked_by = @worker
                RETURNING id
            )
            SELECT EXISTS (SELECT 1 FROM done), EXISTS (SELECT 1 FROM ingestion_jobs WHERE id = @job)
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("job", job.JobId);
            command.Parameters.AddWithValue("worker", job.WorkerId);
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            outcome = reader.GetBoolean(0) ? CompletionOutcome.Completed
                : reader.GetBoolean(1) ? CompletionOutcome.TakenOver
                : CompletionOutcome.JobGone;
        }
        if (outcome != CompletionOutcome.Completed)
        {
            await transaction.RollbackAsync(cancellationToken);
            return outcome;
        }
        await result.Apply(transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// An attempt failed: the job is queued again after a backoff, or, when <paramref name="permanent"/> or its attempts
    /// are spent, its document is failed for good with <paramref name="error"/>.
    /// </summary>
    public Task<FailureOutcome> FailAsync(IngestionJob job, string error, bool permanent, CancellationToken cancellationToken) =>
        PutBackAsync(job, error, permanent, spendAttempt: true, cancellationToken);

    /// <summary>
    /// A dependency's breaker was open, so the attempt never really ran: the job is queued again after a backoff and the
    /// attempt given back, so an outage longer than the retries cannot fail documents for good.
    /// </summary>
    public Task<FailureOutcome> DeferAsync(IngestionJob job, string error, CancellationToken cancellationToken) =>
        PutBackAsync(job, error, permanent: false, spendAttempt: false, cancellationToken);

    /// <summary>
    /// Jobs waiting (due now), jobs running, and how long the oldest due one has waited. A running job whose lease ran
    /// out counts as waiting since its lease ran out: its worker is gone and the job waits to be claimed again, so with
    /// no live worker the lag grows even when the only work left is what a killed worker held.
    /// </summary>
    public Task<QueueDepth> MeasureAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FILTER (WHERE (status = 'queued' AND available_at <= @now) OR (status = 'running' AND locked_until < @now)),
                       count(*) FILTER (WHERE status = 'running' AND locked_until >= @now),
                       coalesce(extract(epoch FROM @now - least(
                           min(available_at) FILTER (WHERE status = 'queued' AND available_at <= @now),
                           min(locked_until) FILTER (WHERE status = 'running' AND locked_until < @now))), 0)::float8
                FROM ingestion_jobs
                """, connection);
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            await using var reader = await command.ExecuteReaderAsync(token);
            await reader.ReadAsync(token);
            return new QueueDepth(reader.GetInt64(0), reader.GetInt64(1), TimeSpan.FromSeconds(reader.GetDouble(2)));
        }, cancellationToken);

    private async Task<FailureOutcome> PutBackAsync(IngestionJob job, string error, bool permanent, bool spendAttempt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var giveUp = permanent || (spendAttempt && job.Attempt >= settings.MaxAttempts);
        var now = time.GetUtcNow();
        var retryAt = now + RetrySchedule.Delay(job.Attempt, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble());
        // What the uploader can do about a dependency's failure: try again once it is fixed.
        var reason = giveUp && !permanent
            ? $"Gave up after {job.Attempt} attempts: {error} (POST /api/v1/documents/{Tenants.DocumentId(job.DocumentId)}/retry tries again.)"
            : error;

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int attempts;
        await using (var command = new NpgsqlCommand("""
            UPDATE ingestion_jobs
            SET status = @status, available_at = @retryAt, locked_by = NULL, locked_until = NULL, last_error = @error, updated_at = @now,
                attempts = attempts - @givenBack
            WHERE id = @job AND locked_by = @worker
            RETURNING attempts
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("givenBack", spendAttempt ? 0 : 1);
            command.Parameters.AddWithValue("status", giveUp ? "failed" : "queued");
            command.Parameters.AddWithValue("retryAt", retryAt);
            command.Parameters.AddWithValue("error", reason);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("job", job.JobId);
            command.Parameters.AddWithValue("worker", job.WorkerId);
            if (await command.ExecuteScalarAsync(cancellationToken) is not int left)
            {
                // Taken over after the lease ran out, or deleted: the document is another worker's (or nobody's) to report.
                return FailureOutcome.JobLost;
            }
            attempts = left;
        }
        await documents.FollowFailedJobAsync(transaction, job.DocumentId, giveUp, reason, attempts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return giveUp ? FailureOutcome.GaveUp : FailureOutcome.WillRetry;
    }
}
