namespace RagPlatform.Client;

/// <summary>
/// One event of a streamed answer, in the order the API sends them: <see cref="CitationsReceived"/> (or, when it abstains,
/// <see cref="CandidatesReceived"/>), then <see cref="TextDelta"/> pieces whose concatenation is the answer, then
/// <see cref="AnswerCompleted"/>, or <see cref="AnswerFailed"/> when the chat model failed after text was sent.
/// </summary>
public abstract record AnswerStreamEvent;

/// <summary>The passages the answer cites, before any of its text.</summary>
public sealed record CitationsReceived(IReadOnlyList<Citation> Citations) : AnswerStreamEvent;

/// <summary>Nothing relevant enough to cite: the closest chunks, which the answer does not rest on.</summary>
public sealed record CandidatesReceived(IReadOnlyList<Candidate> Candidates) : AnswerStreamEvent;

/// <summary>The next piece of the answer's text.</summary>
public sealed record TextDelta(string Text) : AnswerStreamEvent;

/// <summary>The answer is complete; <see cref="Mode"/> is one of <see cref="AnswerModes"/>.</summary>
public sealed record AnswerCompleted(string Mode, IReadOnlyList<string>? Degraded = null) : AnswerStreamEvent;

/// <summary>The chat model failed after text was sent; the answer so far is incomplete.</summary>
public sealed record AnswerFailed(string Message) : AnswerStreamEvent;
