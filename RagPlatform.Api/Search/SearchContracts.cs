using System.Text.Json;
using System.Text.Json.Serialization;

namespace RagPlatform.Api.Search;

/// <summary>
/// Body of POST /api/v1/rag/search. <see cref="Filter"/> is <c>{"metadata": {"team": "ops", "tier": ["1", "2"]}}</c>
/// (kept as raw JSON so a bad shape is a 400 naming <c>filter</c>); <see cref="MinScore"/> is on the normalised 0-1 scale.
/// </summary>
public sealed record SearchBody(string? Query, int? TopK, string? Collection, JsonElement? Filter = null, double? MinScore = null);

/// <summary>Body of POST /api/v1/rag/query; <see cref="History"/> holds the conversation's earlier turns, oldest first.</summary>
public sealed record QueryBody(
    string? Question,
    int? TopK,
    string? Collection,
    JsonElement? Filter = null,
    double? MinScore = null,
    IReadOnlyList<ChatTurn>? History = null);

/// <summary>An earlier turn of a conversation: <see cref="Role"/> is "user" or "assistant".</summary>
public sealed record ChatTurn(string? Role, string? Content);

/// <summary>
/// One retrieved chunk. <see cref="FoundBy"/> names the retrievers that returned it ("dense", "keyword");
/// the offsets (characters of the extracted text), heading path and page say where it sits in its source.
/// <see cref="Ocr"/> says its text was recognised from an image (a scanned page, an image upload), with tesseract's
/// mean word confidence for that page as <see cref="OcrConfidence"/> (0-1; null when read from a text layer).
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
    bool Ocr,
    double? OcrConfidence);

/// <summary>Search results; <see cref="Degraded"/> names what the search did without (see <see cref="Degradations"/>), absent when nothing.</summary>
public sealed record SearchResponse(
    IReadOnlyList<SearchResult> Results,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Degraded = null);

/// <summary>A source of an answer; the answer refers to it as [Number]. Its fields mean what <see cref="SearchResult"/>'s do.</summary>
public sealed record Citation(
    int Number,
    string DocumentId,
    Guid ChunkId,
    string Title,
    string Text,
    int Ordinal,
    double Score,
    int StartOffset,
    int EndOffset,
    string? HeadingPath,
    int? PageNumber,
    bool Ocr,
    double? OcrConfidence);

/// <summary>
/// An answer; <see cref="Degraded"/> names what it did without (see <see cref="Degradations"/>), absent when nothing.
/// When no retrieved chunk was relevant enough to cite, <see cref="Mode"/> is "abstained", <see cref="Citations"/> is empty
/// and <see cref="Candidates"/> lists the closest chunks found, which the answer does not rest on.
/// </summary>
public sealed record QueryResponse(
    string Answer,
    IReadOnlyList<Citation> Citations,
    string Mode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Degraded = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Candidate>? Candidates = null);

/// <summary>A chunk ask found but did not cite: closest to the question, yet below <c>Answers:MinRelevance</c>.</summary>
public sealed record Candidate(string DocumentId, Guid ChunkId, string Title, string Text, double Score);
