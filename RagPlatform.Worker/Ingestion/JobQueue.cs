using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// The ingestion queue in PostgreSQL. Claims use FOR UPDATE SKIP LOCKED, so workers never wait on
/// each other, and a lease, so a job whose worker died is claimed again once the lease runs out.
/// </summary>
public sealed class JobQueue(NpgsqlDataSource dataSource, TimeProvider time, IOptions<IngestionOptions> options)
{
    public async Task<IngestionJob?> ClaimAsync(string workerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            WITH next AS (
                SELECT id FROM ingestion_jobs
                WHERE (status = 'queued' AND available_at <= @now) OR (status = 'running' AND locked_until < @now)
                ORDER BY available_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE ingestion_jobs j
                SET status = 'running', attempts = j.attempts + 1, locked_by = @worker, locked_until = @until, updated_at = @now
                FROM next WHERE j.id = next.id
                RETURNING j.id, j.document_id, j.attempts
            )
            UPDATE documents d SET status = 'processing', attempts = claimed.attempts, current_step = NULL, updated_at = @now
            FROM claimed WHERE d.id = claimed.document_id
            RETURNING claimed.id, claimed.attempts, d.id, d.collection, d.title, d.file_name, d.content_type, d.content, d.content_hash, d.metadata::text, d.tenant
            """, connection, transaction);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("until", now + options.Value.Lease);
        command.Parameters.AddWithValue("worker", workerId);

        IngestionJob? job = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                job = new IngestionJob(
                    reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetString(6), reader.GetFieldValue<byte[]>(7), reader.GetFieldValue<byte[]>(8),
                    JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(9)), reader.GetString(10));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    /// <summary>Shows which step a document is in (GET /api/v1/documents/{id} reports it).</summary>
    public async Task ReportStepAsync(IngestionJob job, string step, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE documents SET current_step = @step WHERE id = @document AND status = 'processing'");
        command.Parameters.AddWithValue("step", step);
        command.Parameters.AddWithValue("document", job.DocumentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Extends the lease of a job still held by this worker; false when it is no longer ours.</summary>
    public async Task<bool> HeartbeatAsync(long jobId, string workerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            UPDATE ingestion_jobs SET locked_until = @until, updated_at = @now
            WHERE id = @job AND status = 'running' AND locked_by = @worker
            """);
        command.Parameters.AddWithValue("until", now + options.Value.Lease);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("job", jobId);
        command.Parameters.AddWithValue("worker", workerId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Puts the job back for a later attempt, or fails the document when attempts are spent or the error is permanent.
    /// Without <paramref name="spendAttempt"/> (a dependency's breaker was open) the attempt is given back: it never ran.
    /// </summary>
    public async Task FailAsync(IngestionJob job, string workerId, string error, bool permanent, CancellationToken cancellationToken, bool spendAttempt = true)
    {
        var settings = options.Value;
        var giveUp = permanent || (spendAttempt && job.Attempt >= settings.MaxAttempts);
        var now = time.GetUtcNow();
        var retryAt = now + RetrySchedule.Delay(job.Attempt, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble());
        var reason = giveUp && !permanent ? $"Gave up after {job.Attempt} attempts: {error}" : error;

        // The document follows only if the job really was still ours: a job taken over after our
        // lease ran out is the other worker's to report.
        await using var command = dataSource.CreateCommand("""
            WITH job AS (
                UPDATE ingestion_jobs
                SET status = @jobStatus, available_at = @retryAt, locked_by = NULL, locked_until = NULL, last_error = @error, updated_at = @now,
                    attempts = attempts - @givenBack
                WHERE id = @job AND locked_by = @worker
                RETURNING document_id, attempts
            )
            UPDATE documents d SET status = @documentStatus, error = @error, updated_at = @now, attempts = job.attempts
            FROM job WHERE d.id = job.document_id
            """);
        command.Parameters.AddWithValue("givenBack", spendAttempt ? 0 : 1);
        command.Parameters.AddWithValue("jobStatus", giveUp ? "failed" : "queued");
        command.Parameters.AddWithValue("documentStatus", giveUp ? "failed" : "queued");
        command.Parameters.AddWithValue("retryAt", retryAt);
        command.Parameters.AddWithValue("error", reason);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("job", job.JobId);
        command.Parameters.AddWithValue("worker", workerId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
