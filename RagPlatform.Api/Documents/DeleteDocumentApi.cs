using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Api.Security;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Api.Documents;

/// <summary>DELETE /api/v1/documents/{id}: gone from the list at once, and from this instance's searches by the 204.</summary>
public static class DeleteDocumentApi
{
    public static void MapDeleteDocument(this RouteGroupBuilder documents) =>
        documents.MapDelete("/{id}", DeleteAsync).WithName("DeleteDocument")
            .WithSummary("Delete a document and remove its chunks from search.")
            .RequireAuthorization(Policies.Administer);

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(
        string id, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        var key = services.Key(id);
        // Chunks and jobs go with the document; the change log tells every in-memory index to drop it, in the same transaction.
        if (await services.Documents.DeleteAsync(key, cancellationToken) is not { } sequence)
        {
            return TypedResults.NotFound();
        }

        // The embedded index follows the change log: waiting for it to apply this delete means that
        // once the client has its 204, this instance no longer finds the document, cached or not
        // (other instances follow within moments). Any other index (Qdrant) is told here.
        if (services.Index is EmbeddedSearchIndex)
        {
            await services.Version.WaitForAsync(sequence, cancellationToken);
        }
        else
        {
            await services.Index.DeleteDocumentAsync(key, cancellationToken);
        }
        return TypedResults.NoContent();
    }
}
