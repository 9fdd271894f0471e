using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;
using RagPlatform.Api.Protection;
using RagPlatform.Api.RateLimiting;
using RagPlatform.Api.Search;
using RagPlatform.Api.Security;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Documents;

public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        // Every document handler works inside the caller's tenant: see DocumentServices.Key.
        var group = app.MapGroup("/api/v1/documents").WithTags("Documents").RequireAuthorization(Policies.Read);
        group.RequireRateLimiting(RateLimitGroups.Documents);
        group.AddEndpointFilter(DocumentIdFilter.RejectInvalidIdAsync);

        group.MapPost("/", UploadAsync).WithName("UploadDocument")
            .WithSummary("Accept a document (JSON, or a file as multipart/form-data) for ingestion; it is searchable once 'indexed'.")
            .Accepts<UploadDocumentRequest>("application/json", "multipart/form-data")
            .WithMetadata(OwnBodyLimit.Instance) // Documents:MaxUploadBytes, enforced by UploadReader
            .RequireAuthorization(Policies.Write);
        group.MapPut("/{id}", ReplaceAsync).WithName("ReplaceDocument")
            .WithSummary("Replace a document's content; searches see the old version until the new one is indexed, then only the new.")
            .Accepts<UploadDocumentRequest>("application/json", "multipart/form-data")
            .WithMetadata(OwnBodyLimit.Instance)
            .RequireAuthorization(Policies.Write);
        group.MapRetryDocument();
        group.MapReadDocuments();
        group.MapDeleteDocument();

        return group;
    }

    public static async Task<Results<Accepted<DocumentAccepted>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpRequest request, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
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
        var idempotencyKey = request.Headers[IdempotencyKeys.HeaderName].ToString();
        if (idempotencyKey.Length > IdempotencyKeys.MaxKeyLength)
        {
            return DocumentProblems.Validation(IdempotencyKeys.HeaderName, $"The {IdempotencyKeys.HeaderName} header may be at most {IdempotencyKeys.MaxKeyLength} characters.");
        }

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
                    $"Document '{id}' exists; replace it with PUT {DocumentUrl(id)}, delete it, or choose another id.");
            }
        }

        // The job is written in the same transaction as the document: an accepted document always
        // has a job, so a crash can delay its ingestion but never lose it.
        await IngestionQueue.EnqueueAsync(connection, transaction, key, now, cancellationToken);
        var accepted = new DocumentAccepted(id, DocumentStatus.Queued, DocumentUrl(id));
        if (idempotencyKey.Length > 0)
        {
            await IdempotencyKeys.StoreAsync(connection, transaction, services.Key(idempotencyKey), StatusCodes.Status202Accepted, accepted, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted(accepted.StatusUrl, accepted);
    }

    public static async Task<Results<Accepted<DocumentAccepted>, ValidationProblem, ProblemHttpResult, NotFound>> ReplaceAsync(
        string id, HttpRequest request, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        var (input, error) = await UploadContent.ReadCheckedAsync(request, services, cancellationToken);
        if (error is ValidationProblem invalid)
        {
            return invalid;
        }
        if (error is ProblemHttpResult problem)
        {
            return problem;
        }
        if (input!.Id is not null && input.Id != id)
        {
            return DocumentProblems.Validation("id", $"'id' in the body ('{input.Id}') differs from the one in the URL ('{id}').");
        }

        var now = services.Time.GetUtcNow();
        await using var connection = await services.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The old chunks stay searchable until the new ones replace them in one transaction.
        await using (var update = new NpgsqlCommand("""
            UPDATE documents
            SET collection = coalesce(@collection, collection), title = coalesce(@title, title), content_type = @contentType,
                file_name = @fileName, content = @content, content_hash = @hash, metadata = @metadata, status = 'queued',
                error = NULL, current_step = NULL, attempts = 0, version = version + 1, updated_at = @now
            WHERE id = @id
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", services.Key(id));
            update.Parameters.AddWithValue("collection", NpgsqlDbType.Text, (object?)input.Collection ?? DBNull.Value);
            update.Parameters.AddWithValue("title", NpgsqlDbType.Text, (object?)input.Title?.Trim() ?? DBNull.Value);
            UploadContent.AddParameters(update, input, now);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return TypedResults.NotFound();
            }
        }
        await IngestionQueue.EnqueueAsync(connection, transaction, services.Key(id), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var accepted = new DocumentAccepted(id, DocumentStatus.Queued, DocumentUrl(id));
        return TypedResults.Accepted(accepted.StatusUrl, accepted);
    }

    /// <summary>Where a client follows document <paramref name="id"/> (GET); the Location of every 202.</summary>
    internal static string DocumentUrl(string id) => $"/api/v1/documents/{Uri.EscapeDataString(id)}";
}
