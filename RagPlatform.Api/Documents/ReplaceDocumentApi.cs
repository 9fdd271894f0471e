using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Api.Security;
using RagPlatform.Core.Ingestion;
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

        // The old chunks stay searchable until the new ones replace them in one transaction.
        var content = input.ToContent(services.Key(id), services.Tenant, input.Collection);
        if (await services.Queue.EnqueueAsync(services.Documents.Replace(content), idempotency: null, cancellationToken) is EnqueueOutcome.Refused)
        {
            return TypedResults.NotFound();
        }
        var accepted = new DocumentAccepted(id, DocumentStatus.Queued, DocumentsApi.DocumentUrl(id));
        return TypedResults.Accepted(accepted.StatusUrl, accepted);
    }
}
