namespace RagPlatform.Api.Search;

/// <summary>Body of POST /api/v1/rag/search.</summary>
public sealed record SearchBody(string? Query, int? TopK, string? Collection);

/// <summary>Body of POST /api/v1/rag/query.</summary>
public sealed record QueryBody(string? Question, int? TopK, string? Collection);

/// <summary>One retrieved chunk. <see cref="FoundBy"/> names the retrievers that returned it ("dense", "keyword").</summary>
public sealed record SearchResult(
    string DocumentId,
    Guid ChunkId,
    string Title,
    string Text,
    int Ordinal,
    double Score,
    IReadOnlyList<string> FoundBy);

public sealed record SearchResponse(IReadOnlyList<SearchResult> Results);

/// <summary>A source of an answer; the answer refers to it as [Number].</summary>
public sealed record Citation(
    int Number,
    string DocumentId,
    Guid ChunkId,
    string Title,
    string Text,
    int Ordinal,
    double Score);

public sealed record QueryResponse(string Answer, IReadOnlyList<Citation> Citations, string Mode);
