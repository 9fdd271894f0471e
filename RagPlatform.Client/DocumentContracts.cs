namespace RagPlatform.Client;

/// <summary>The statuses a document goes through: <see cref="Queued"/>, <see cref="Processing"/>, then <see cref="Indexed"/> or <see cref="Failed"/>.</summary>
public static class DocumentStatuses
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Indexed = "indexed";
    public const string Failed = "failed";
}

/// <summary>A document whose text is sent as JSON (Markdown, HTML or plain text).</summary>
/// <param name="Content">The document's text.</param>
/// <param name="ContentType"><c>text/markdown</c>, <c>text/html</c> or <c>text/plain</c> (the default).</param>
/// <param name="Id">The id to give it; the API makes one when null.</param>
public sealed record TextDocument(
    string Content,
    string? ContentType = null,
    string? Id = null,
    string? Title = null,
    string? Collection = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>A file to upload (PDF, DOCX, XLSX, PPTX, EML, Markdown, HTML, text, images), sent as multipart/form-data.</summary>
/// <param name="Content">The file's bytes, read from the current position; seekable streams can be sent again by a retry.</param>
/// <param name="FileName">The file's name; its extension decides the type when <paramref name="ContentType"/> is null.</param>
public sealed record FileUpload(
    Stream Content,
    string FileName,
    string? ContentType = null,
    string? Id = null,
    string? Title = null,
    string? Collection = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>The API accepted a document (202): follow it at <see cref="StatusUrl"/> until it is indexed or failed.</summary>
public sealed record DocumentAccepted(string Id, string Status, string StatusUrl);

/// <summary>
/// A document and where it is in ingestion. <see cref="Step"/> is the pipeline step running or last reached
/// (reuse, extract, chunk, embed, index); <see cref="Error"/> says why a failed document failed.
/// </summary>
public sealed record Document(
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
    DocumentProgress? Progress = null);

/// <summary>
/// How far a document not yet indexed has come (one document's GET only): <see cref="ChunksEmbedded"/> of
/// <see cref="ChunkCount"/> (null until embedding starts); for a scan, <see cref="PagesRecognised"/> of
/// <see cref="PageCount"/>, the pages that need text recognition (null for a document without any).
/// </summary>
public sealed record DocumentProgress(
    int? ChunksEmbedded,
    int? ChunkCount,
    double? EstimatedSecondsLeft,
    int? PagesRecognised = null,
    int? PageCount = null);

/// <summary>One page of documents, newest first; <see cref="Total"/> counts every page.</summary>
public sealed record DocumentPage(IReadOnlyList<Document> Items, int Page, int PageSize, long Total);

/// <summary>
/// A delete's outcome: always deleted; <see cref="RemovedFromSearch"/> is false when the answering instance's index had
/// not yet applied the removal (the API's 202), which it will.
/// </summary>
public sealed record DocumentDeleted(string Id, bool RemovedFromSearch, long? IndexSequence = null);
