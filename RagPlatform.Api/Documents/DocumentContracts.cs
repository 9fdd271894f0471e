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

/// <summary>A document and where it is in ingestion: <see cref="Step"/> is the pipeline step running or last reached.</summary>
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
    string? FileName)
{
    public static DocumentResponse From(StoredDocument document) => new(
        document.Id, document.Title, document.Collection, document.ContentType, document.Status, document.ChunkCount, document.Error,
        document.Metadata, document.CreatedAt, document.UpdatedAt, document.Step, document.Attempts, document.Version, document.FileName);
}

public sealed record DocumentPage(IReadOnlyList<DocumentResponse> Items, int Page, int PageSize, long Total);
