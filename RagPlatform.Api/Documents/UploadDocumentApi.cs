using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Api.Security;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Documents;

/// <summary>POST /api/v1/documents: a new document stored and queued for ingestion, safe to repeat with an Idempotency-Key.</summary>
public static class UploadDocumentApi
{
    public static void MapUploadDocument(this RouteGroupBuilder documents) =>
        documents.MapPost("/", UploadAsync).WithName("UploadDocument")
            .WithSummary("Accept a document (JSON, or a file as multipart/form-data) for ingestion; it is searchable once 'indexed'.")
            .AcceptsUpload()
            .ProducesProblem(StatusCodes.Status409Conflict)
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
        var accepted = new DocumentAccepted(id, DocumentStatus.Queued, DocumentsApi.DocumentUrl(id));
        var idempotency = idempotencyKey.Length > 0
            ? new IdempotentRequest(services.Key(idempotencyKey), IdempotencyKeys.HashRequest(request.Method, request.Path, input),
                StatusCodes.Status202Accepted, accepted)
            : null;
        // The job is written in the same transaction as the document: an accepted document always
        // has a job, so a crash can delay its ingestion but never lose it.
        var content = input.ToContent(services.Key(id), services.Tenant, input.Collection ?? UploadValidation.DefaultCollection);
        switch (await services.Queue.EnqueueAsync(services.Documents.Insert(content), idempotency, cancellationToken))
        {
            case EnqueueOutcome.Replayed replayed:
                var first = JsonSerializer.Deserialize<DocumentAccepted>(replayed.ResponseJson, JsonSerializerOptions.Web)!;
                return TypedResults.Accepted(first.StatusUrl, first);
            case EnqueueOutcome.KeyReused:
                return DocumentProblems.Unprocessable($"The {IdempotencyKeys.HeaderName} '{idempotencyKey}' was already used for a different request.");
            case EnqueueOutcome.Refused:
                return DocumentProblems.Conflict("A document with this id already exists.",
                    $"Document '{id}' exists; replace it with PUT {DocumentsApi.DocumentUrl(id)}, delete it, or choose another id.");
            case EnqueueOutcome.Created:
                return TypedResults.Accepted(accepted.StatusUrl, accepted);
            case var other:
                throw new InvalidOperationException($"An upload cannot end as {other}.");
        }
    }
}
