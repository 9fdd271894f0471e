using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Api.Security;

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
        // Chunks and jobs go with the document; the change log tells every in-memory index to drop it, in the same transaction.
        if (await services.Documents.DeleteAsync(key, cancellationToken) is not { } sequence)
        {
            return TypedResults.NotFound();
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
