using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Api.Answers;

/// <summary>How ask decides that nothing retrieved answers the question (configuration section <c>Answers</c>).</summary>
public sealed class AnswerOptions
{
    public const string SectionName = "Answers";

    /// <summary>
    /// The least <c>score</c> a chunk needs to be cited. When no retrieved chunk reaches it, ask abstains: it says that no
    /// document answers the question and lists the closest chunks as candidates, uncited, without calling the chat model.
    /// The score is the embedded index's probability of relevance, so this is one threshold for every collection
    /// (docs/benchmarks.md, "Scores that mean something": the abstention rates it gives on SciFact). 0 never abstains
    /// while anything was retrieved.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinRelevance { get; set; } = 0.2;
}
