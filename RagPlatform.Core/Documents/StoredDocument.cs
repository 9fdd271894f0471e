namespace RagPlatform.Core.Documents;

/// <summary>
/// A document as its tenant sees it: <see cref="Id"/> without the tenant prefix, <see cref="Title"/> the given one, else
/// the file name, else the id; <see cref="Step"/> is the pipeline step running or last reached.
/// </summary>
public sealed record StoredDocument(
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
    /// <summary>How far embedding has come while the document is not indexed (single-document reads only); null otherwise.</summary>
    public EmbeddingProgress? Progress { get; init; }

    /// <summary>How far text recognition has come while the document is not indexed (single-document reads only); null otherwise.</summary>
    public OcrProgress? Ocr { get; init; }
}

/// <summary>One page of a tenant's documents, newest first, and how many there are in all.</summary>
public sealed record StoredDocumentPage(IReadOnlyList<StoredDocument> Items, long Total);
