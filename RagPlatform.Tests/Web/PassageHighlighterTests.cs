using RagPlatform.Web.Components.Ask;
using RagPlatform.Web.Components.Shared;

namespace RagPlatform.Tests.Web;

/// <summary>The web app's pure helpers: which words of a cited passage are highlighted, and metadata typed as key=value lines.</summary>
public sealed class PassageHighlighterTests
{
    [Fact]
    public void TheSentenceAnAnswerQuotesIsHighlightedAndTheRestOfThePassageIsNot()
    {
        var parts = PassageHighlighter.Split(
            "Backups run nightly at 02:00. They are kept for 30 days. Restores take minutes.",
            "They are kept for 30 days [1].");

        Assert.Equal([("Backups run nightly at 02:00. ", false), ("They are kept for 30 days", true), (". Restores take minutes.", false)], parts);
    }

    [Fact]
    public void APassageAnAnswerDoesNotQuoteIsHighlightedWhole()
    {
        var parts = PassageHighlighter.Split("Backups run nightly.", "A generated answer in other words [1].");

        Assert.Equal([("Backups run nightly.", true)], parts);
    }

    [Fact]
    public void MetadataLinesBecomeValuesAndFiltersWithSeveralValues()
    {
        Assert.Equal(new Dictionary<string, string> { ["team"] = "ops", ["year"] = "2026" }, MetadataText.ParseValues("team = ops\n\nyear=2026\nnot a pair"));
        var filter = MetadataText.ParseFilter("team=ops, sre\nregion=eu")!;
        Assert.Equal(["ops", "sre"], filter["team"]);
        Assert.Equal(["eu"], filter["region"]);
        Assert.Null(MetadataText.ParseFilter("  "));
    }
}
