using RagPlatform.Api.Answers;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Unit;

public sealed class ExtractiveAnswererTests
{
    private static SearchHit Hit(string document, string text) =>
        new(Guid.NewGuid(), document, document, text, 0, 1.0, Retrievers.Dense | Retrievers.Keyword);

    [Fact]
    public void AnswerQuotesTheSentenceCoveringTheQuestionAndCitesItsSource()
    {
        var sources = new[]
        {
            Hit("pumps", "Pumps move water. The north station has four pumps installed in 1987."),
            Hit("valves", "Valves are inspected yearly. The gate valve at the reservoir was replaced in 2011."),
        };

        var answer = ExtractiveAnswerer.Answer("When was the reservoir gate valve replaced?", sources);

        Assert.StartsWith("The gate valve at the reservoir was replaced in 2011. [2]", answer);
    }

    [Fact]
    public void EverySentenceInTheAnswerCarriesACitation()
    {
        var sources = new[] { Hit("a", "Alpha particles are helium nuclei. Beta particles are electrons. Gamma rays are photons.") };

        var answer = ExtractiveAnswerer.Answer("What are alpha beta gamma particles?", sources);

        // Three sentences, each ending in its citation.
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(answer, @"\. \[1\]").Count);
    }

    [Fact]
    public void NoSourcesMeansNoAnswer()
    {
        Assert.Equal(ExtractiveAnswerer.NothingFound, ExtractiveAnswerer.Answer("anything?", []));
    }
}
