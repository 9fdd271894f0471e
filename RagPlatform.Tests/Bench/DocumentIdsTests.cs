using System.Text.RegularExpressions;
using RagPlatform.Bench.Ingestion;

namespace RagPlatform.Tests.Bench;

public sealed partial class DocumentIdsTests
{
    [GeneratedRegex("^[A-Za-z0-9\\-_.:]{1,128}$")]
    private static partial Regex ValidId();

    [Fact]
    public void AValidIdIsCollectionDashCorpusId() => Assert.Equal("scifact-4983", DocumentIds.For("scifact", "4983"));

    [Fact]
    public void AnInvalidIdIsMadeValidAndStaysDistinctFromLookAlikes()
    {
        var slash = DocumentIds.For("web", "a/b c");
        var underscore = DocumentIds.For("web", "a_b_c");

        Assert.Matches(ValidId(), slash);
        Assert.StartsWith("web-a_b_c.", slash);
        Assert.NotEqual(underscore, slash);
    }

    [Fact]
    public void ALongIdIsCutToTheApiLimit() =>
        Assert.Matches(ValidId(), DocumentIds.For("c", new string('x', 300)));
}
