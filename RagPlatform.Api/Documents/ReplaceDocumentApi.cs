using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;
using RagPlatform.Api.Security;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Documents;

/// <summary>PUT /api/v1/documents/{id}: new content for an existing document, re-ingested as its next version.</summary>
public static class ReplaceDocumentApi
{
    public static void MapReplaceDocument(this RouteGroupBuilder documents) =>
        documents.MapPut("/{id}", ReplaceAsync).WithName("ReplaceDocument")
            .WithSummary("Replace a document's content; searches see the old version until the new one is indexed, then only the new.")
            .AcceptsUpload()
            .RequireAuthorization(Policies.Write);

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
        var accepted = new DocumentAccepted(id, DocumentStatus.Queued, DocumentsApi.DocumentUrl(id));
        return TypedResults.Accepted(accepted.StatusUrl, accepted);
    }
}
