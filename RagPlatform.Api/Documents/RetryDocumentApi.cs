using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Api.Security;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Documents;

/// <summary>POST /api/v1/documents/{id}/retry: a failed document queued for ingestion again.</summary>
public static class RetryDocumentApi
{
    public static void MapRetryDocument(this RouteGroupBuilder documents) =>
        documents.MapPost("/{id}/retry", RetryAsync).WithName("RetryDocument").WithSummary("Ingest a failed document again.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Write);

    public static async Task<Results<Accepted<DocumentAccepted>, NotFound, ProblemHttpResult>> RetryAsync(
        string id, [AsParameters] DocumentServices services, CancellationToken cancellationToken) =>
        await services.Queue.RetryAsync(services.Key(id), cancellationToken) switch
        {
            EnqueueOutcome.Created => TypedResults.Accepted(DocumentsApi.DocumentUrl(id), new DocumentAccepted(id, DocumentStatus.Queued, DocumentsApi.DocumentUrl(id))),
            EnqueueOutcome.Refused { Refusal.Reason: DocumentRefusalReason.NotFound } => TypedResults.NotFound(),
            EnqueueOutcome.Refused refused =>
                DocumentProblems.Conflict("Only a failed document can be retried.", $"Document '{id}' is {refused.Refusal.CurrentStatus}."),
            var other => throw new InvalidOperationException($"A retry cannot end as {other}."),
        };
}
