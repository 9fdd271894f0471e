using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using RagPlatform.Api.Security;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Documents;

/// <summary>DELETE /api/v1/documents/{id}: gone from the list at once, and from this instance's searches by the 204 (202 if that is still pending).</summary>
public static class DeleteDocumentApi
{
    public static void MapDeleteDocument(this RouteGroupBuilder documents) =>
        documents.MapDelete("/{id}", DeleteAsync).WithName("DeleteDocument")
            .WithSummary("Delete a document and remove its chunks from search.")
            .WithDescription("204: deleted, and this instance's search no longer finds it. 202: deleted (gone from the list, " +
                "never coming back), but this instance's index had not applied the removal within Index:ReadYourWriteTimeout; " +
                "the body names the change sequence, and search stops finding the document once it is applied.")
            .RequireAuthorization(Policies.Administer);

    public static async Task<Results<NoContent, Accepted<DocumentDeletionPending>, NotFound>> DeleteAsync(
        string id, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        var key = services.Key(id);
        long sequence;
        await using (var connection = await services.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // Chunks and jobs go with the document (ON DELETE CASCADE); the change log tells every
            // index to drop it, in the same transaction.
            await using var command = new NpgsqlCommand("DELETE FROM documents WHERE id = @id", connection, transaction);
            command.Parameters.AddWithValue("id", key);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return TypedResults.NotFound();
            }
            sequence = await IndexChangeLog.AppendAsync(connection, transaction, key, IndexOperation.Delete, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Every index follows the change log: waiting for this instance's index to apply the delete
        // means that once the client has its 204, this instance no longer finds the document, cached
        // or not (other instances follow within moments). Past the timeout the answer says so.
        if (!await services.Version.WaitForAsync(sequence, cancellationToken))
        {
            return TypedResults.Accepted((string?)null, new DocumentDeletionPending(id, sequence));
        }
        return TypedResults.NoContent();
    }
}
