using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Relevance;

/// <summary>What the keyword index keeps whole beside the English words, and what it leaves to them.</summary>
public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("Replace part XK-4471-B today.", "xk-4471-b")]
    [InlineData("Setup failed (0x80070005).", "0x80070005")]
    [InlineData("Fixed in v2.3.1.", "v2.3.1")]
    [InlineData("Write to Anna.Berg@Example.com, please", "anna.berg@example.com")]
    [InlineData("See report_2024_q3.pdf;", "report_2024_q3.pdf")]
    [InlineData("Ticket INC-20931 is closed", "inc-20931")]
    [InlineData("Search for pdfword5b3d15c4", "pdfword5b3d15c4")]
    public void EachKindIsKeptWholeLowerCasedWithoutSurroundingPunctuation(string text, string identifier) =>
        Assert.Contains(identifier, Identifiers.In(text));

    [Fact]
    public void PlainWordsAndPunctuationAreLeftToTheEnglishAnalysis() =>
        Assert.Empty(Identifiers.In("The backups run nightly, and they are kept -- as agreed -- for weeks."));

    [Fact]
    public void AHyphenatedWordCountsAsAnIdentifierOnlyWhenTheHyphenIsInside() =>
        Assert.Equal(["well-known"], Identifiers.In("a well-known -fix- issue"));
}
