using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;
using RagPlatform.Api.Security;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Documents;

/// <summary>POST /api/v1/documents: a new document stored and queued for ingestion, safe to repeat with an Idempotency-Key.</summary>
public static class UploadDocumentApi
{
    public static void MapUploadDocument(this RouteGroupBuilder documents) =>
        documents.MapPost("/", UploadAsync).WithName("UploadDocument")
            .WithSummary("Accept a document (JSON, or a file as multipart/form-data) for ingestion; it is searchable once 'indexed'.")
            .AcceptsUpload()
            .RequireAuthorization(Policies.Write);

    public static async Task<Results<Accepted<DocumentAccepted>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpRequest request, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        // The header is checked before the body (up to 20 MB) is read: a bad key costs nothing.
        var idempotencyKey = request.Headers[IdempotencyKeys.HeaderName].ToString();
        if (idempotencyKey.Length > IdempotencyKeys.MaxKeyLength)
        {
            return DocumentProblems.Validation(IdempotencyKeys.HeaderName, $"The {IdempotencyKeys.HeaderName} header may be at most {IdempotencyKeys.MaxKeyLength} characters.");
        }

        var (input, error) = await UploadContent.ReadCheckedAsync(request, services, cancellationToken);
        if (error is ValidationProblem invalid)
        {
            return invalid;
        }
        if (error is ProblemHttpResult problem)
        {
            return problem;
        }

        var id = input!.Id ?? Guid.CreateVersion7().ToString();
        var key = services.Key(id);
        var now = services.Time.GetUtcNow();
        await using var connection = await services.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (idempotencyKey.Length > 0)
        {
            var hash = IdempotencyKeys.HashRequest(request.Method, request.Path, input);
            if (await IdempotencyKeys.ClaimAsync(connection, transaction, services.Key(idempotencyKey), hash, now, cancellationToken) is { } stored)
            {
                await transaction.RollbackAsync(cancellationToken);
                if (!stored.SameRequest)
                {
                    return DocumentProblems.Unprocessable($"The {IdempotencyKeys.HeaderName} '{idempotencyKey}' was already used for a different request.");
                }
                var first = JsonSerializer.Deserialize<DocumentAccepted>(stored.Json, JsonSerializerOptions.Web)!;
                return TypedResults.Accepted(first.StatusUrl, first);
            }
        }

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO documents (id, tenant, collection, title, content_type, file_name, content, content_hash, metadata, status, created_at, updated_at)
            VALUES (@id, @tenant, @collection, @title, @contentType, @fileName, @content, @hash, @metadata, 'queued', @now, @now)
            ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", key);
            insert.Parameters.AddWithValue("tenant", services.Tenant);
            insert.Parameters.AddWithValue("collection", input.Collection ?? UploadValidation.DefaultCollection);
            insert.Parameters.AddWithValue("title", NpgsqlDbType.Text, (object?)input.Title?.Trim() ?? DBNull.Value);
            UploadContent.AddParameters(insert, input, now);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return DocumentProblems.Conflict("A document with this id already exists.",
                    $"Document '{id}' exists; replace it with PUT {DocumentsApi.DocumentUrl(id)}, delete it, or choose another id.");
            }
        }

        // The job is written in the same transaction as the document: an accepted document always
        // has a job, so a crash can delay its ingestion but never lose it.
        await IngestionQueue.EnqueueAsync(connection, transaction, key, now, cancellationToken);
        var accepted = new DocumentAccepted(id, DocumentStatus.Queued, DocumentsApi.DocumentUrl(id));
        if (idempotencyKey.Length > 0)
        {
            await IdempotencyKeys.StoreAsync(connection, transaction, services.Key(idempotencyKey), StatusCodes.Status202Accepted, accepted, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted(accepted.StatusUrl, accepted);
    }
}
