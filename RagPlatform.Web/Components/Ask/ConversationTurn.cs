using RagPlatform.Client;

namespace RagPlatform.Web.Components.Ask;

/// <summary>A question and its answer as it streams in.</summary>
public sealed class ConversationTurn(string question)
{
    public string Question => question;

    public string Answer { get; set; } = "";

    public IReadOnlyList<Citation> Citations { get; set; } = [];

    public IReadOnlyList<Candidate> Candidates { get; set; } = [];

    /// <summary>generative, extractive or abstained, once the answer is complete.</summary>
    public string? Mode { get; set; }

    public IReadOnlyList<string> Degraded { get; set; } = [];

    public string? Error { get; set; }

    public bool Streaming { get; set; } = true;
}
