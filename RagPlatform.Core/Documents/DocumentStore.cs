using System.Data;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Chunking;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Core.Documents;

/// <summary>
/// The one owner of <c>documents</c> (and of the writes to <c>chunks</c>, see <see cref="DocumentChunks"/>). Reads run
/// wholly through <see cref="GuardedDatabase.ReadAsync{T}"/>, writes open their connection through it. A write that a job
/// must follow (<see cref="Insert"/>, <see cref="Replace"/>, <see cref="ResetFailed"/>, <see cref="Indexed"/>) is a
/// <see cref="DocumentWrite"/> that <see cref="IngestionQueue"/> runs inside the transaction that queues or completes
/// the job: an accepted document always has a job, and a late worker never writes over a newer version.
/// </summary>
public sealed partial class DocumentStore(GuardedDatabase database, TimeProvider time)
{
    public Task<StoredDocument?> GetAsync(string key, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, token) => FindAsync(connection, null, key, token), cancellationToken);

    /// <summary>
    /// The document (with its embedding progress while it is not indexed) and the sequence of its newest index change (null
    /// if it never had one), in one guarded read: what a caller needs to tell whether this instance's index already
    /// reflects the document.
    /// </summary>
    public Task<(StoredDocument Document, long? IndexSequence)?> GetWithIndexSequenceAsync(string key, CancellationToken cancellationToken) =>
        database.ReadAsync<(StoredDocument, long?)?>(async (connection, token) =>
        {
            // One snapshot for all the reads: a worker committing between two of them gave a "queued" document with the
            // index sequence of its indexing (seen under CPU stress).
            await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, token);
            return await FindAsync(connection, snapshot, key, token) is { } document
                ? (document.Status == DocumentStatus.Indexed ? document : document with
                    {
                        Progress = await EmbeddingCheckpoints.ReadProgressAsync(connection, key, token),
                        Ocr = await OcrProgressLog.ReadAsync(connection, key, token),
                    },
                    await IndexChangeLog.LatestForAsync(connection, key, token))
                : null;
        }, cancellationToken);

    /// <summary>Page <paramref name="page"/> (from 1) of the tenant's documents, newest first, optionally of one collection.</summary>
    public Task<StoredDocumentPage> ListAsync(string tenant, string? collection, int page, int pageSize, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, token) =>
        {
            await using var batch = new NpgsqlBatch(connection);
            var count = new NpgsqlBatchCommand("SELECT count(*) FROM documents WHERE tenant = @tenant AND (@collection::text IS NULL OR collection = @collection)");
            var select = new NpgsqlBatchCommand($"""
                {SelectDocument}
                WHERE tenant = @tenant AND (@collection::text IS NULL OR collection = @collection)
                ORDER BY created_at DESC, id DESC
                LIMIT @limit OFFSET @offset
                """);
            foreach (var command in new[] { count, select })
            {
                command.Parameters.AddWithValue("tenant", tenant);
                command.Parameters.AddWithValue("collection", NpgsqlDbType.Text, (object?)collection ?? DBNull.Value);
                batch.BatchCommands.Add(command);
            }
            select.Parameters.AddWithValue("limit", pageSize);
            select.Parameters.AddWithValue("offset", (long)(page - 1) * pageSize);

            await using var reader = await batch.ExecuteReaderAsync(token);
            await reader.ReadAsync(token);
            var total = reader.GetInt64(0);
            await reader.NextResultAsync(token);
            var items = new List<StoredDocument>(pageSize);
            while (await reader.ReadAsync(token))
            {
                items.Add(ReadDocument(reader));
            }
            return new StoredDocumentPage(items, total);
        }, cancellationToken);

    /// <summary>A new document, queued; refused when its key is taken.</summary>
    public DocumentWrite Insert(DocumentContent document) => new(document.Key, async (transaction, cancellationToken) =>
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO documents (id, tenant, collection, title, content_type, file_name, content, content_hash, metadata, status, created_at, updated_at)
            VALUES (@id, @tenant, @collection, @title, @contentType, @fileName, @content, @hash, coalesce(@metadata, '{}'::jsonb), 'queued', @now, @now)
            ON CONFLICT (id) DO NOTHING
            """, transaction.Connection, transaction);
        insert.Parameters.AddWithValue("tenant", document.Tenant);
        AddContent(insert, document);
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1 ? null : DocumentRefusal.AlreadyExists;
    });

    /// <summary>
    /// New content for an existing document, queued as its next version; refused when there is no such document. Its
    /// old chunks stay searchable until the new ones replace them (<see cref="Indexed"/>). Title, collection and metadata
    /// not given (null) are kept; metadata given replaces the whole set (an empty one clears it).
    /// </summary>
    public DocumentWrite Replace(DocumentContent document) => new(document.Key, async (transaction, cancellationToken) =>
    {
        await using var update = new NpgsqlCommand("""
            UPDATE documents
            SET collection = coalesce(@collection, collection), title = coalesce(@title, title), content_type = @contentType,
                file_name = @fileName, content = @content, content_hash = @hash, metadata = coalesce(@metadata, metadata), status = 'queued',
                error = NULL, current_step = NULL, attempts = 0, version = version + 1, updated_at = @now
            WHERE id = @id
            """, transaction.Connection, transaction);
        AddContent(update, document);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1 ? null : DocumentRefusal.NotFound;
    });

    /// <summary>A failed document queued again with its attempts reset; refused when there is none, or it has not failed.</summary>
    public DocumentWrite ResetFailed(string key) => new(key, async (transaction, cancellationToken) =>
    {
        await using (var update = new NpgsqlCommand("""
            UPDATE documents SET status = 'queued', error = NULL, current_step = NULL, attempts = 0, updated_at = @now
            WHERE id = @id AND status = 'failed'
            """, transaction.Connection, transaction))
        {
            update.Parameters.AddWithValue("id", key);
            update.Parameters.AddWithValue("now", time.GetUtcNow());
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return null;
            }
        }
        // Why not: read on this connection, in this transaction, rather than take a second one from the pool.
        return await FindAsync(transaction.Connection!, transaction, key, cancellationToken) is { } current
            ? DocumentRefusal.NotFailed(current.Status)
            : DocumentRefusal.NotFound;
    });

    /// <summary>
    /// Deletes a document with its chunks and jobs (ON DELETE CASCADE), and the documents made of its attachments (a
    /// mail's: metadata <c>attachmentOf</c> names it, in its tenant), and appends each delete to the index change log in
    /// the same transaction. Returns the last change's sequence number, or null when there was no such document.
    /// </summary>
    public Task<long?> DeleteAsync(string key, CancellationToken cancellationToken) =>
        database.WriteAsync(async (transaction, token) =>
        {
            // Attachments go only with their document: deleting an id nobody holds deletes nothing.
            await using var command = new NpgsqlCommand("""
                WITH deleted AS (DELETE FROM documents WHERE id = @id RETURNING id, tenant),
                attachments AS (
                    DELETE FROM documents d USING deleted
                    WHERE d.tenant = deleted.tenant AND d.metadata ? 'attachmentOf' AND d.metadata ->> 'attachmentOf' = @client_id
                    RETURNING d.id)
                SELECT id FROM deleted UNION ALL SELECT id FROM attachments
                """, transaction.Connection, transaction);
            command.Parameters.AddWithValue("id", key);
            command.Parameters.AddWithValue("client_id", Tenants.DocumentId(key));
            return await CommitDeletesAsync(command, token);
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="delete"/>, which returns the keys of the documents it deleted, appends a delete of each to the
    /// index change log and commits; the last change's sequence number, or null (and nothing committed) when none was deleted.
    /// </summary>
    private static async Task<long?> CommitDeletesAsync(NpgsqlCommand delete, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (delete.Connection!, delete.Transaction!);
        var keys = new List<string>();
        await using (var reader = await delete.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(reader.GetString(0));
            }
        }
        if (keys.Count == 0)
        {
            return null;
        }
        long sequence = 0;
        foreach (var deleted in keys)
        {
            sequence = await IndexChangeLog.AppendAsync(connection, transaction, deleted, IndexOperation.Delete, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return sequence;
    }

    /// <summary>Shows which step a document being processed is in (GET /api/v1/documents/{id} reports it).</summary>
    public async Task ReportStepAsync(string key, string step, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE documents SET current_step = @step WHERE id = @id AND status = 'processing'", connection);
        command.Parameters.AddWithValue("step", step);
        command.Parameters.AddWithValue("id", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The chunks and vectors of identical content already indexed in the same collection of the same tenant under the
    /// same title (both untitled counts: chunks are embedded with their title), or null when there is none.
    /// </summary>
    public Task<ReusableChunks?> FindReusableChunksAsync(IngestionJob job, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, token) => DocumentChunks.ReadReusableAsync(connection, job, token), cancellationToken);

    /// <summary>
    /// The worker's result: the document's chunks replaced whole (the old version's stay searchable until this commits),
    /// the document marked indexed, and an upsert appended to the index change log, last, inside the job's completion.
    /// </summary>
    /// <param name="sources">The chunks as cut, in the order of <paramref name="chunks"/>: their token counts are kept.</param>
    /// <param name="contentTitle">The content's own title (first heading), kept when the uploader gave none.</param>
    public DocumentWrite Indexed(string key, IReadOnlyList<IndexedChunk> chunks, IReadOnlyList<TextChunk> sources, string? contentTitle) =>
        new(key, async (transaction, cancellationToken) =>
        {
            await DocumentChunks.ReplaceAsync(transaction, key, chunks, sources, cancellationToken);
            await EmbeddingCheckpoints.DeleteAsync(transaction, key, cancellationToken);
            await OcrProgressLog.DeleteAsync(transaction, key, cancellationToken);
            await using (var update = new NpgsqlCommand("""
                UPDATE documents
                SET status = 'indexed', chunk_count = @count, error = NULL, title = coalesce(title, @title), updated_at = @now
                WHERE id = @id
                """, transaction.Connection, transaction))
            {
                update.Parameters.AddWithValue("id", key);
                update.Parameters.AddWithValue("count", chunks.Count);
                update.Parameters.AddWithValue("title", NpgsqlDbType.Text, (object?)contentTitle ?? DBNull.Value);
                update.Parameters.AddWithValue("now", time.GetUtcNow());
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            await IndexChangeLog.AppendAsync(transaction.Connection!, transaction, key, IndexOperation.Upsert, cancellationToken);
            return null;
        });

    /// <summary>The claimed job's document, marked processing with the job's attempt count; what the worker needs of it.</summary>
    internal async Task<IngestionJob> StartProcessingAsync(
        NpgsqlTransaction transaction, long jobId, string workerId, string key, int attempts, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE documents SET status = 'processing', attempts = @attempts, current_step = NULL, updated_at = @now
            WHERE id = @id
            RETURNING collection, title, file_name, content_type, content, content_hash, metadata::text, tenant
            """, transaction.Connection, transaction);
        command.Parameters.AddWithValue("id", key);
        command.Parameters.AddWithValue("attempts", attempts);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // The job references the document (ON DELETE CASCADE) and is locked by this transaction: the row is there.
        await reader.ReadAsync(cancellationToken);
        return new IngestionJob(
            jobId, workerId, attempts, key, reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetString(3), reader.GetFieldValue<byte[]>(4), reader.GetFieldValue<byte[]>(5),
            JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(6)), reader.GetString(7));
    }

    /// <summary>The document follows its job after a failed attempt: queued again or failed, with the error and attempt count.</summary>
    internal async Task FollowFailedJobAsync(
        NpgsqlTransaction transaction, string key, bool failed, string error, int attempts, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE documents SET status = @status, error = @error, attempts = @attempts, updated_at = @now WHERE id = @id",
            transaction.Connection, transaction);
        command.Parameters.AddWithValue("id", key);
        command.Parameters.AddWithValue("status", failed ? DocumentStatus.Failed : DocumentStatus.Queued);
        command.Parameters.AddWithValue("error", error);
        command.Parameters.AddWithValue("attempts", attempts);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<StoredDocument?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"{SelectDocument} WHERE id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDocument(reader) : null;
    }

    /// <summary>Binds @id, @collection, @title, @contentType, @fileName, @content, @hash, @metadata and @now: what an upload and a replacement both write.</summary>
    private void AddContent(NpgsqlCommand command, DocumentContent document)
    {
        command.Parameters.AddWithValue("id", document.Key);
        command.Parameters.AddWithValue("collection", NpgsqlDbType.Text, (object?)document.Collection ?? DBNull.Value);
        command.Parameters.AddWithValue("title", NpgsqlDbType.Text, (object?)document.Title ?? DBNull.Value);
        command.Parameters.AddWithValue("contentType", document.ContentType);
        command.Parameters.AddWithValue("fileName", NpgsqlDbType.Text, (object?)document.FileName ?? DBNull.Value);
        command.Parameters.AddWithValue("content", document.Content);
        command.Parameters.AddWithValue("hash", SHA256.HashData(document.Content));
        // Null when the request gave none: a replacement keeps the document's metadata, an insert stores none.
        command.Parameters.AddWithValue("metadata", NpgsqlDbType.Jsonb, document.Metadata is null ? DBNull.Value : JsonSerializer.Serialize(document.Metadata));
        command.Parameters.AddWithValue("now", time.GetUtcNow());
    }

    private static readonly string SelectDocument = $"""
        SELECT id, {DocumentColumns.Title("documents")}, collection, content_type, status, chunk_count, error, metadata::text, created_at, updated_at,
               current_step, attempts, version, file_name
        FROM documents
        """;

    private static StoredDocument ReadDocument(NpgsqlDataReader reader) => new(
        Id: Tenants.DocumentId(reader.GetString(0)),
        Title: reader.GetString(1),
        Collection: reader.GetString(2),
        ContentType: reader.GetString(3),
        Status: reader.GetString(4),
        ChunkCount: reader.GetInt32(5),
        Error: reader.IsDBNull(6) ? null : reader.GetString(6),
        Metadata: JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7)) ?? [],
        CreatedAt: reader.GetFieldValue<DateTimeOffset>(8),
        UpdatedAt: reader.GetFieldValue<DateTimeOffset>(9),
        Step: reader.IsDBNull(10) ? null : reader.GetString(10),
        Attempts: reader.GetInt32(11),
        Version: reader.GetInt32(12),
        FileName: reader.IsDBNull(13) ? null : reader.GetString(13));
}
