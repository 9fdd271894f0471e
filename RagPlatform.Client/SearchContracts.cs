namespace RagPlatform.Client;

/// <summary>
/// What a search or an answer may draw on: one <see cref="Collection"/>, documents whose metadata has each key equal to
/// one of the given values (<see cref="Metadata"/>), results scored at least <see cref="MinScore"/> (0-1).
/// </summary>
public sealed record SearchScope(
    string? Collection = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Metadata = null,
    double? MinScore = null);

/// <summary>A hybrid search (dense + keyword) for <see cref="Query"/>; <see cref="TopK"/> 1-100 (default 10).</summary>
public sealed record SearchRequest(string Query, int? TopK = null, SearchScope? Scope = null);

/// <summary>
/// One retrieved chunk: <see cref="FoundBy"/> names the retrievers that returned it ("dense", "keyword"); the offsets
/// (characters of the extracted text), heading path and page say where it sits in its source. <see cref="Ocr"/> says its
/// text was recognised from an image, with tesseract's mean word confidence for the page as <see cref="OcrConfidence"/> (0-1).
/// </summary>
public sealed record SearchResult(
    string DocumentId,
    Guid ChunkId,
    string Title,
    string Text,
    int Ordinal,
    double Score,
    IReadOnlyList<string> FoundBy,
    int StartOffset,
    int EndOffset,
    string? HeadingPath,
    int? PageNumber,
    bool Ocr = false,
    double? OcrConfidence = null);

/// <summary>Search results, best first; <see cref="Degraded"/> names what the search did without (cache, embedding, index).</summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Results, IReadOnlyList<string>? Degraded = null)
{
    /// <summary>The dependencies the search did without; empty when all was well.</summary>
    public IReadOnlyList<string> DegradedOrEmpty => Degraded ?? [];
}
