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
    DateTimeOffset UpdatedAt);

public sealed record DocumentPage(IReadOnlyList<DocumentResponse> Items, int Page, int PageSize, long Total);
