using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using RagPlatform.Api.Security;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Documents;

/// <summary>POST /api/v1/documents/{id}/retry: a failed document queued for ingestion again.</summary>
public static class RetryDocumentApi
{
    public static void MapRetryDocument(this RouteGroupBuilder documents) =>
        documents.MapPost("/{id}/retry", RetryAsync).WithName("RetryDocument").WithSummary("Ingest a failed document again.")
            .RequireAuthorization(Policies.Write);

    public static async Task<Results<Accepted<DocumentAccepted>, NotFound, ProblemHttpResult>> RetryAsync(
        string id, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        await using var connection = await services.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE documents SET status = 'queued', error = NULL, current_step = NULL, attempts = 0, updated_at = @now
            WHERE id = @id AND status = 'failed'
            RETURNING id
            """, connection, transaction);
        command.Parameters.AddWithValue("id", services.Key(id));
        command.Parameters.AddWithValue("now", now);
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            // Why not: read on this connection, in this transaction, rather than take a second one from the pool.
            var current = await ReadDocumentsApi.FindAsync(connection, transaction, services.Key(id), cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return current is null
                ? TypedResults.NotFound()
                : DocumentProblems.Conflict("Only a failed document can be retried.", $"Document '{id}' is {current.Status}.");
        }
        await IngestionQueue.EnqueueAsync(connection, transaction, services.Key(id), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted(DocumentsApi.DocumentUrl(id), new DocumentAccepted(id, DocumentStatus.Queued, DocumentsApi.DocumentUrl(id)));
    }
}
