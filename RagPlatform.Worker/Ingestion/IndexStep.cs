using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// Makes the chunks searchable. In one transaction it replaces the document's chunks, marks it
/// indexed, completes the job and appends to the index change log, the only way into any index (the
/// embedded indexes of every API instance and the worker's Qdrant projector follow it). Re-running it
/// converges: ids are deterministic and the old chunks are replaced, never added to.
/// </summary>
public sealed class IndexStep(NpgsqlDataSource dataSource, TimeProvider time) : IPipelineStep
{
    public string Name => PipelineSteps.Index;

    public async Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        var chunks = BuildChunks(context);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await CompleteJobAsync(connection, transaction, context, cancellationToken))
        {
            // The document was deleted meanwhile (its job went with it) or another worker took the
            // job over after our lease ran out: either way this result must not be written.
            await transaction.RollbackAsync(cancellationToken);
            return StepResult.Fatal(JobLostError, FailureReasons.JobLost);
        }

        await using (var delete = new NpgsqlCommand("DELETE FROM chunks WHERE document_id = @document", connection, transaction))
        {
            delete.Parameters.AddWithValue("document", job.DocumentId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await CopyChunksAsync(connection, context, chunks, cancellationToken);
        await using (var update = new NpgsqlCommand("""
            UPDATE documents
            SET status = 'indexed', chunk_count = @count, error = NULL, title = coalesce(title, @title), updated_at = @now
            WHERE id = @document
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("document", job.DocumentId);
            update.Parameters.AddWithValue("count", chunks.Length);
            update.Parameters.AddWithValue("title", NpgsqlDbType.Text, (object?)context.Extracted?.Title ?? DBNull.Value);
            update.Parameters.AddWithValue("now", time.GetUtcNow());
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await IndexChangeLog.AppendAsync(connection, transaction, job.DocumentId, IndexOperation.Upsert, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StepResult.Success;
    }

    public const string JobLostError = "The job is no longer held by this worker.";

    private IndexedChunk[] BuildChunks(IngestionContext context)
    {
        var job = context.Job;
        var title = context.Title;
        var chunks = new IndexedChunk[context.Chunks.Count];
        for (var i = 0; i < chunks.Length; i++)
        {
            var chunk = context.Chunks[i];
            chunks[i] = new IndexedChunk(
                ChunkIds.For(job.DocumentId, job.ContentHash, chunk.Ordinal), job.DocumentId, job.Collection, title,
                chunk.Ordinal, chunk.Text, chunk.StartOffset, chunk.EndOffset, context.Embeddings[i],
                chunk.HeadingPath, context.PageNumbers.Count > i ? context.PageNumbers[i] : null, job.Metadata, job.Tenant);
        }
        return chunks;
    }

    private async Task<bool> CompleteJobAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestionContext context, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE ingestion_jobs SET status = 'done', locked_by = NULL, locked_until = NULL, last_error = NULL, updated_at = @now
            WHERE id = @job AND status = 'running' AND locked_by = @worker
            """, connection, transaction);
        command.Parameters.AddWithValue("job", context.Job.JobId);
        command.Parameters.AddWithValue("worker", context.WorkerId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task CopyChunksAsync(NpgsqlConnection connection, IngestionContext context, IndexedChunk[] chunks, CancellationToken cancellationToken)
    {
        // Binary COPY: one round trip for all chunks and their vectors.
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY chunks (id, document_id, ordinal, text, start_offset, end_offset, token_count, heading_path, page_number, embedding) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        for (var i = 0; i < chunks.Length; i++)
        {
            var chunk = chunks[i];
            var source = context.Chunks[i];
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(chunk.ChunkId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(chunk.DocumentId, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(chunk.Ordinal, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(chunk.Text, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(chunk.StartOffset, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(chunk.EndOffset, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(source.TokenCount, NpgsqlDbType.Integer, cancellationToken);
            if (chunk.HeadingPath is null)
            {
                await writer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await writer.WriteAsync(chunk.HeadingPath, NpgsqlDbType.Text, cancellationToken);
            }
            if (chunk.PageNumber is { } page)
            {
                await writer.WriteAsync(page, NpgsqlDbType.Integer, cancellationToken);
            }
            else
            {
                await writer.WriteNullAsync(cancellationToken);
            }
            await writer.WriteAsync(AsArray(chunk.Embedding), NpgsqlDbType.Array | NpgsqlDbType.Real, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static float[] AsArray(ReadOnlyMemory<float> vector) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(vector, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : vector.ToArray();
}
