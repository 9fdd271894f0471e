using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Documents;

/// <summary>GET /api/v1/documents and GET /api/v1/documents/{id}: the caller's documents and their ingestion status.</summary>
public static class ReadDocumentsApi
{

    public static void MapReadDocuments(this RouteGroupBuilder documents)
    {
        documents.MapGet("/", ListAsync).WithName("ListDocuments").WithSummary("List documents, newest first.");
        documents.MapGet("/{id}", GetAsync).WithName("GetDocument").WithSummary("A document and its ingestion status.");
    }

    public static async Task<Results<Ok<DocumentResponse>, NotFound>> GetAsync(
        string id, [AsParameters] DocumentServices services, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await services.Documents.GetWithIndexSequenceAsync(services.Key(id), cancellationToken) is not var (document, sequence))
        {
            return TypedResults.NotFound();
        }
        // "indexed" here means findable here: a client that polls until then and searches finds the document.
        var searchable = sequence is { } applied && (services.Version.Current >= applied
            || document.Status == DocumentStatus.Indexed && await services.Version.WaitForAsync(applied, cancellationToken));
        var response = DocumentResponse.From(document) with
        {
            IndexSequence = sequence, Searchable = searchable, Progress = DocumentProgress.From(document.Progress, document.Ocr, time.GetUtcNow()),
        };
        // Committed but not yet applied by this instance's index (past the wait): still being indexed, as far as a
        // search here can tell. A script that polls until "indexed" and then searches must always find it.
        return TypedResults.Ok(document.Status == DocumentStatus.Indexed && !searchable
            ? response with { Status = DocumentStatus.Processing, Step = PipelineSteps.Index }
            : response);
    }

    public static async Task<Results<Ok<DocumentPage>, ValidationProblem>> ListAsync(
        [AsParameters] DocumentServices services, CancellationToken cancellationToken,
        int page = 1, int pageSize = 20, string? collection = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > 1_000_000)
        {
            errors["page"] = ["'page' must be between 1 and 1000000."];
        }
        if (pageSize is < 1 or > 100)
        {
            errors["pageSize"] = ["'pageSize' must be between 1 and 100."];
        }
        if (collection is not null && !UploadValidation.IsValidIdentifier(collection, UploadValidation.MaxCollectionLength))
        {
            errors["collection"] = ["'collection' is not a valid collection name."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var found = await services.Documents.ListAsync(services.Tenant, collection, page, pageSize, cancellationToken);
        return TypedResults.Ok(new DocumentPage(found.Items.Select(DocumentResponse.From).ToList(), page, pageSize, found.Total));
    }
}
