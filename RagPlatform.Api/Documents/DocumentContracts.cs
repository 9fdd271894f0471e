using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Documents;

/// <summary>Body of POST /api/v1/documents.</summary>
public sealed record UploadDocumentRequest(
    string? Id,
    string? Title,
    string? Content,
    string? ContentType,
    Dictionary<string, string>? Metadata,
    string? Collection);

/// <summary>202 body: where to follow the document through ingestion.</summary>
public sealed record DocumentAccepted(string Id, string Status, string StatusUrl);

/// <summary>
/// A document and where it is in ingestion: <see cref="Step"/> is the pipeline step running or last reached.
/// <see cref="IndexSequence"/> is the document's latest change in the index change log (null before its first
/// indexing); <see cref="Searchable"/> says whether the answering instance's search already reflects it (GET of one
/// document waits briefly for that once the document is indexed, so "indexed" there means findable). <see cref="Progress"/>
/// is how far embedding has come while the document is not indexed (GET of one document only).
/// </summary>
public sealed record DocumentResponse(
    string Id,
    string Title,
    string Collection,
    string ContentType,
    string Status,
    int ChunkCount,
    string? Error,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Step,
    int Attempts,
    int Version,
    string? FileName,
    long? IndexSequence = null,
    bool? Searchable = null,
    DocumentProgress? Progress = null)
{
    public static DocumentResponse From(StoredDocument document) => new(
        document.Id, document.Title, document.Collection, document.ContentType, document.Status, document.ChunkCount, document.Error,
        document.Metadata, document.CreatedAt, document.UpdatedAt, document.Step, document.Attempts, document.Version, document.FileName);
}

public sealed record DocumentPage(IReadOnlyList<DocumentResponse> Items, int Page, int PageSize, long Total);

/// <summary>
/// 202 body of DELETE /api/v1/documents/{id}: the document is deleted, but this instance's search index had not
/// applied change <see cref="IndexSequence"/> (its removal) within the read-your-write timeout; it will.
/// </summary>
public sealed record DocumentDeletionPending(string Id, long IndexSequence)
{
    public string Status => "deleted";

    public bool RemovedFromSearch => false;

    public string Detail => "The document is deleted. Its removal from search is pending: this instance's index has not applied it yet.";
}
