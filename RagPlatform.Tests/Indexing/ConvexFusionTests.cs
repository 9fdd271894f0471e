using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

public class ConvexFusionTests
{
    // Chunks are named "{document}{n}", so a chunk's document is its first letter.
    private static string DocumentOf(string chunk) => chunk[..1];

    [Fact]
    public void ScoresAreScaledToEachListsRangeAndAveraged()
    {
        // Dense: a 0.9, b 0.7, c 0.5 -> 1, 0.5, 0. Keyword (BM25, another scale): c 12, a 4 -> 1, 0.
        var dense = new ScoredList<string>(Retrievers.Dense, ["a1", "b1", "c1"], [0.9f, 0.7f, 0.5f]);
        var keyword = new ScoredList<string>(Retrievers.Keyword, ["c1", "a1"], [12f, 4f]);

        var fused = ConvexFusion.Fuse([dense, keyword], DocumentOf);

        // a: (1 + 0) / 2 = 0.5; c: (0 + 1) / 2 = 0.5 (tie: a reached rank 1 first); b: (0.5 + 0) / 2 = 0.25.
        Assert.Equal(["a", "c", "b"], fused.Select(f => DocumentOf(f.Item)));
        Assert.Equal([0.5, 0.5, 0.25], fused.Select(f => Math.Round(f.Score, 6)));
        Assert.Equal(Retrievers.Dense | Retrievers.Keyword, fused[0].FoundBy);
        Assert.Equal(Retrievers.Dense, fused[2].FoundBy);
    }

    [Fact]
    public void UnlikeRankFusionAWideLeadSurvives()
    {
        // b is first by a hair in dense and far behind in keyword; a is a close second in dense and far ahead in keyword.
        var dense = new ScoredList<string>(Retrievers.Dense, ["b1", "a1", "x1"], [0.80f, 0.79f, 0.2f]);
        var keyword = new ScoredList<string>(Retrievers.Keyword, ["a1", "x1", "b1"], [20f, 3f, 2f]);

        Assert.Equal("a", DocumentOf(ConvexFusion.Fuse([dense, keyword], DocumentOf)[0].Item));
    }

    [Fact]
    public void WeightsShiftTheMeanAndADocumentCountsOncePerListAtItsBestChunk()
    {
        var dense = new ScoredList<string>(Retrievers.Dense, ["a1", "a2", "b1"], [1.0f, 0.9f, 0.5f], Weight: 3);
        var keyword = new ScoredList<string>(Retrievers.Keyword, ["b2", "a3"], [5f, 1f], Weight: 1);

        var fused = ConvexFusion.Fuse([dense, keyword], DocumentOf);

        // a: (3 * 1 + 1 * 0) / 4 = 0.75 (a2 adds nothing); b: (3 * 0 + 1 * 1) / 4 = 0.25.
        Assert.Equal(["a1", "b2"], fused.Select(f => f.Item));
        Assert.Equal(0.75, fused[0].Score, 12);
        Assert.Equal(0.25, fused[1].Score, 12);
    }

    [Fact]
    public void AListWhoseScoresAreAllEqualGivesEachOfItsDocumentsFullMarks()
    {
        var dense = new ScoredList<string>(Retrievers.Dense, ["a1", "b1"], [0.4f, 0.4f]);

        var fused = ConvexFusion.Fuse([dense], DocumentOf);

        Assert.All(fused, f => Assert.Equal(1.0, f.Score, 12));
    }

    [Fact]
    public void FewerDocumentsThanWantedAreFilledWithFurtherChunksInDescendingOrder()
    {
        var dense = new ScoredList<string>(Retrievers.Dense, ["a1", "a2", "b1", "a3"], [0.9f, 0.8f, 0.7f, 0.6f]);

        var fused = ConvexFusion.Fuse([dense], DocumentOf, wanted: 4);

        Assert.Equal(["a1", "b1", "a2", "a3"], fused.Select(f => f.Item));
        Assert.True(fused.Zip(fused.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
    }

    [Fact]
    public void AScoreMissingForAnItemIsRefused()
    {
        var dense = new ScoredList<string>(Retrievers.Dense, ["a1", "b1"], [0.4f]);

        Assert.Throws<ArgumentException>(() => ConvexFusion.Fuse([dense], DocumentOf));
    }
}
