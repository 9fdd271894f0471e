using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

public class ReciprocalRankFusionTests
{
    [Fact]
    public void ScoresAreTheSumOfWeightOverKPlusRank()
    {
        var dense = new RankedList<string>(Retrievers.Dense, ["a", "b", "c"]);
        var keyword = new RankedList<string>(Retrievers.Keyword, ["c", "a", "d"]);

        var fused = ReciprocalRankFusion.Fuse([dense, keyword]);

        // a: 1/61 + 1/62 = 0.032522..., c: 1/63 + 1/61 = 0.032266..., b: 1/62, d: 1/63
        Assert.Equal(["a", "c", "b", "d"], fused.Select(f => f.Item));
        Assert.Equal((1.0 / 61) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal((1.0 / 63) + (1.0 / 61), fused[1].Score, 12);
        Assert.Equal(1.0 / 62, fused[2].Score, 12);
        Assert.Equal(1.0 / 63, fused[3].Score, 12);
        Assert.Equal(Retrievers.Dense | Retrievers.Keyword, fused[0].FoundBy);
        Assert.Equal(Retrievers.Dense, fused[2].FoundBy);
        Assert.Equal(Retrievers.Keyword, fused[3].FoundBy);
    }

    [Fact]
    public void KIsConfigurable()
    {
        var fused = ReciprocalRankFusion.Fuse([new RankedList<int>(Retrievers.Dense, [7, 8])], k: 0);

        Assert.Equal(1.0, fused[0].Score, 12);
        Assert.Equal(0.5, fused[1].Score, 12);
    }

    [Fact]
    public void EqualScoresAreOrderedByBestRankThenFirstAppearance()
    {
        // x and y both score 1/61 + 1/62; z and w both 1/63, w at rank 3 in the first list, z in the second.
        var first = new RankedList<string>(Retrievers.Dense, ["y", "x", "w"]);
        var second = new RankedList<string>(Retrievers.Keyword, ["x", "y", "z"]);

        var fused = ReciprocalRankFusion.Fuse([first, second]);
        var reversed = ReciprocalRankFusion.Fuse([second, first]);

        Assert.Equal(["y", "x", "w", "z"], fused.Select(f => f.Item));
        Assert.Equal(["x", "y", "z", "w"], reversed.Select(f => f.Item));
        Assert.Equal(fused.Select(f => f.Item), ReciprocalRankFusion.Fuse([first, second]).Select(f => f.Item));
    }

    [Fact]
    public void WeightsScaleEachListsContribution()
    {
        var dense = new RankedList<string>(Retrievers.Dense, ["a", "b"], Weight: 1.0);
        var keyword = new RankedList<string>(Retrievers.Keyword, ["b", "a"], Weight: 3.0);

        var fused = ReciprocalRankFusion.Fuse([dense, keyword]);

        Assert.Equal("b", fused[0].Item);
        Assert.Equal((1.0 / 62) + (3.0 / 61), fused[0].Score, 12);
        Assert.Equal((1.0 / 61) + (3.0 / 62), fused[1].Score, 12);
    }

    [Fact]
    public void AnItemRepeatedInOneListCountsOnceAtItsBestRank()
    {
        var fused = ReciprocalRankFusion.Fuse([new RankedList<string>(Retrievers.Keyword, ["a", "b", "a"])]);

        Assert.Equal(2, fused.Count);
        Assert.Equal(1.0 / 61, fused[0].Score, 12);
    }

    [Fact]
    public void EmptyListsFuseToNothing()
    {
        Assert.Empty(ReciprocalRankFusion.Fuse([new RankedList<int>(Retrievers.Dense, []), new RankedList<int>(Retrievers.Keyword, [])]));
    }

    [Fact]
    public void NegativeWeightIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ReciprocalRankFusion.Fuse([new RankedList<int>(Retrievers.Dense, [1], Weight: -1)]));
    }
}
