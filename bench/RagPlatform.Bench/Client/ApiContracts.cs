namespace RagPlatform.Bench.Client;

// Wire shapes of the public API, copied rather than referenced: the bench must keep working
// against any deployed version, so it depends on the JSON, not on the server's assemblies.

public sealed record UploadDocumentBody(
    string Id,
    string Title,
    string Content,
    string ContentType,
    string Collection,
    Dictionary<string, string> Metadata);

public sealed record DocumentStatusItem(string Id, string Status, int ChunkCount, string? Error);

public sealed record DocumentStatusPage(IReadOnlyList<DocumentStatusItem> Items, int Page, int PageSize, long Total);

public sealed record SearchBody(string Query, int TopK, string? Collection);

public sealed record SearchHit(
    string DocumentId,
    Guid ChunkId,
    string Title,
    string Text,
    int Ordinal,
    double Score,
    IReadOnlyList<string> FoundBy);

public sealed record SearchHits(IReadOnlyList<SearchHit> Results);
