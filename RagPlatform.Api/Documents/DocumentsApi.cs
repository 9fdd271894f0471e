using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using RagPlatform.Api.Search;
using RagPlatform.Core.Extraction;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Documents;

public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/documents").WithTags("Documents");

        group.MapPost("/", UploadAsync).WithName("UploadDocument")
            .WithSummary("Accept a document for ingestion; it is searchable once its status is 'indexed'.");
        group.MapGet("/", ListAsync).WithName("ListDocuments").WithSummary("List documents, newest first.");
        group.MapGet("/{id}", GetAsync).WithName("GetDocument").WithSummary("A document and its ingestion status.");
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteDocument")
            .WithSummary("Delete a document and remove its chunks from search.");

        return group;
    }

    public static async Task<Results<Accepted<DocumentAccepted>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        UploadDocumentRequest request, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        var errors = UploadValidation.Validate(request, services.Options.Value.MaxContentCharacters);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The document was not accepted.");
        }

        var id = request.Id ?? Guid.CreateVersion7().ToString();
        var content = request.Content!;
        var contentType = ContentTypes.Normalize(request.ContentType ?? ContentTypes.PlainText);
        var now = services.Time.GetUtcNow();

        await using var connection = await services.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insertDocument = new NpgsqlCommand("""
            INSERT INTO documents (id, collection, title, content_type, content, content_hash, metadata, status, created_at, updated_at)
            VALUES (@id, @collection, @title, @contentType, @content, @hash, @metadata, 'queued', @now, @now)
            ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            insertDocument.Parameters.AddWithValue("id", id);
            insertDocument.Parameters.AddWithValue("collection", request.Collection ?? UploadValidation.DefaultCollection);
            insertDocument.Parameters.AddWithValue("title", string.IsNullOrWhiteSpace(request.Title) ? id : request.Title.Trim());
            insertDocument.Parameters.AddWithValue("contentType", contentType);
            insertDocument.Parameters.AddWithValue("content", content);
            insertDocument.Parameters.AddWithValue("hash", SHA256.HashData(Encoding.UTF8.GetBytes(content)));
            insertDocument.Parameters.AddWithValue("metadata", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(request.Metadata ?? []));
            insertDocument.Parameters.AddWithValue("now", now);
            if (await insertDocument.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "A document with this id already exists.",
                    detail: $"Document '{id}' exists; delete it first or choose another id.");
            }
        }

        // The job row is written in the same transaction as the document: an accepted document
        // always has a job, so a crash can delay its ingestion but never lose it.
        await using (var insertJob = new NpgsqlCommand($"""
            INSERT INTO ingestion_jobs (document_id, status, available_at, created_at, updated_at)
            VALUES (@id, 'queued', @now, @now, @now);
            NOTIFY {NotificationChannels.IngestionJobs};
            """, connection, transaction))
        {
            insertJob.Parameters.AddWithValue("id", id);
            insertJob.Parameters.AddWithValue("now", now);
            await insertJob.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        var statusUrl = $"/api/v1/documents/{Uri.EscapeDataString(id)}";
        return TypedResults.Accepted(statusUrl, new DocumentAccepted(id, DocumentStatus.Queued, statusUrl));
    }

    public static async Task<Results<Ok<DocumentResponse>, NotFound>> GetAsync(
        string id, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        await using var command = services.DataSource.CreateCommand($"{SelectDocument} WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? TypedResults.Ok(ReadDocument(reader)) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<DocumentPage>, ValidationProblem>> ListAsync(
        [AsParameters] DocumentServices services, CancellationToken cancellationToken,
        int page = 1, int pageSize = 20, string? collection = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["'page' must be 1 or more."];
        }
        if (pageSize is < 1 or > 100)
        {
            errors["pageSize"] = ["'pageSize' must be between 1 and 100."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var batch = services.DataSource.CreateBatch();
        var count = new NpgsqlBatchCommand("SELECT count(*) FROM documents WHERE @collection::text IS NULL OR collection = @collection");
        count.Parameters.AddWithValue("collection", NpgsqlDbType.Text, (object?)collection ?? DBNull.Value);
        var select = new NpgsqlBatchCommand($"""
            {SelectDocument}
            WHERE @collection::text IS NULL OR collection = @collection
            ORDER BY created_at DESC, id DESC
            LIMIT @limit OFFSET @offset
            """);
        select.Parameters.AddWithValue("collection", NpgsqlDbType.Text, (object?)collection ?? DBNull.Value);
        select.Parameters.AddWithValue("limit", pageSize);
        select.Parameters.AddWithValue("offset", (long)(page - 1) * pageSize);
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(select);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<DocumentResponse>(pageSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadDocument(reader));
        }
        return TypedResults.Ok(new DocumentPage(items, page, pageSize, total));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(
        string id, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        long sequence;
        await using (var connection = await services.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // Chunks and jobs go with the document (ON DELETE CASCADE); the change log tells every
            // in-memory index to drop it, in the same transaction.
            await using var command = new NpgsqlCommand("DELETE FROM documents WHERE id = @id", connection, transaction);
            command.Parameters.AddWithValue("id", id);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return TypedResults.NotFound();
            }
            sequence = await IndexChangeLog.AppendAsync(connection, transaction, id, IndexOperation.Delete, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Qdrant is told here. The embedded index follows the change log; waiting for it to apply
        // this delete means that once the client has its 204, this instance no longer finds the
        // document, cached or not (other instances follow within moments).
        await services.Index.DeleteDocumentAsync(id, cancellationToken);
        await services.Version.WaitForAsync(sequence, cancellationToken);
        return TypedResults.NoContent();
    }

    private const string SelectDocument = """
        SELECT id, title, collection, content_type, status, chunk_count, error, metadata::text, created_at, updated_at
        FROM documents
        """;

    private static DocumentResponse ReadDocument(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        Title: reader.GetString(1),
        Collection: reader.GetString(2),
        ContentType: reader.GetString(3),
        Status: reader.GetString(4),
        ChunkCount: reader.GetInt32(5),
        Error: reader.IsDBNull(6) ? null : reader.GetString(6),
        Metadata: JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7)) ?? [],
        CreatedAt: reader.GetFieldValue<DateTimeOffset>(8),
        UpdatedAt: reader.GetFieldValue<DateTimeOffset>(9));
}

/// <summary>What the document handlers need, bound with [AsParameters].</summary>
public sealed record DocumentServices(
    NpgsqlDataSource DataSource,
    TimeProvider Time,
    IOptions<DocumentOptions> Options,
    ISearchIndex Index,
    IIndexVersion Version);
