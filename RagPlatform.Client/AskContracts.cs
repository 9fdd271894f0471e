namespace RagPlatform.Client;

/// <summary>The ways an answer is made: by the chat model, from the passages themselves, or not at all.</summary>
public static class AnswerModes
{
    public const string Generative = "generative";
    public const string Extractive = "extractive";
    public const string Abstained = "abstained";
}

/// <summary>An earlier turn of a conversation: <see cref="Role"/> is "user" or "assistant".</summary>
public sealed record ChatTurn(string Role, string Content)
{
    public static ChatTurn User(string content) => new("user", content);

    public static ChatTurn Assistant(string content) => new("assistant", content);
}

/// <summary>A question; <see cref="History"/> holds up to 20 earlier turns, oldest first. <see cref="TopK"/> default 5.</summary>
public sealed record AskRequest(string Question, IReadOnlyList<ChatTurn>? History = null, int? TopK = null, SearchScope? Scope = null);

/// <summary>A source of an answer; the answer refers to it as [<see cref="Number"/>]. Its fields mean what <see cref="SearchResult"/>'s do.</summary>
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
    bool Ocr = false,
    double? OcrConfidence = null);

/// <summary>A chunk found but not cited: closest to the question, yet below the API's relevance threshold.</summary>
public sealed record Candidate(string DocumentId, Guid ChunkId, string Title, string Text, double Score);

/// <summary>
/// An answer with its citations. <see cref="Mode"/> is one of <see cref="AnswerModes"/>; <see cref="Degraded"/> names
/// what it did without (a chat model down makes it extractive); an abstained answer lists <see cref="Candidates"/>.
/// </summary>
public sealed record Answer(
    string Text,
    IReadOnlyList<Citation> Citations,
    string Mode,
    IReadOnlyList<string>? Degraded = null,
    IReadOnlyList<Candidate>? Candidates = null);
