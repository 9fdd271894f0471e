using RagPlatform.Bench.Evaluation;

namespace RagPlatform.Tests.Bench;

public sealed class RetrievalMetricsTests
{
    // Two relevant documents, found at ranks 2 and 4:
    //   DCG@10  = 0/log2(2) + 1/log2(3) + 0/log2(4) + 1/log2(5) = 0.630930 + 0.430677 = 1.061606
    //   IDCG@10 = 1/log2(2) + 1/log2(3)                         = 1 + 0.630930       = 1.630930
    //   nDCG@10 = 1.061606 / 1.630930 = 0.650921
    //   nDCG@2  = (1/log2(3)) / IDCG@2 = 0.630930 / 1.630930 = 0.386853
    //   MRR@10  = 1/2 (first relevant at rank 2); Recall@100 = 2/2; Recall@2 = 1/2.
    private static readonly Dictionary<string, int> TwoRelevant = new() { ["d1"] = 1, ["d2"] = 1 };
    private static readonly string[] Ranking = ["d3", "d1", "d4", "d2"];

    [Fact]
    public void NdcgDiscountsEachHitByLog2OfItsRankPlusOne()
    {
        Assert.Equal(0.650921, RetrievalMetrics.NdcgAt(Ranking, TwoRelevant, 10), 6);
        Assert.Equal(0.386853, RetrievalMetrics.NdcgAt(Ranking, TwoRelevant, 2), 6);
    }

    [Fact]
    public void ReciprocalRankIsOneOverTheRankOfTheFirstRelevantDocument() =>
        Assert.Equal(0.5, RetrievalMetrics.ReciprocalRankAt(Ranking, TwoRelevant, 10));

    [Fact]
    public void RecallCountsRelevantDocumentsWithinTheCutOff()
    {
        Assert.Equal(1.0, RetrievalMetrics.RecallAt(Ranking, TwoRelevant, 100));
        Assert.Equal(0.5, RetrievalMetrics.RecallAt(Ranking, TwoRelevant, 2));
    }

    // Graded: a=2, b=1, c=0 (judged not relevant), ranking [b, a, c]:
    //   DCG  = 1/log2(2) + 2/log2(3) = 1 + 1.261860 = 2.261860
    //   IDCG = 2/log2(2) + 1/log2(3) = 2 + 0.630930 = 2.630930  → nDCG = 0.859719
    [Fact]
    public void NdcgUsesGradedRelevanceAndIgnoresZeroJudgements()
    {
        var graded = new Dictionary<string, int> { ["a"] = 2, ["b"] = 1, ["c"] = 0 };

        Assert.Equal(0.859719, RetrievalMetrics.NdcgAt(["b", "a", "c"], graded, 10), 6);
        Assert.Equal(1.0, RetrievalMetrics.RecallAt(["b", "a", "c"], graded, 100));
        Assert.Equal(0.0, RetrievalMetrics.ReciprocalRankAt(["c"], graded, 10));
    }

    [Fact]
    public void ARankingWithoutRelevantDocumentsScoresZero()
    {
        Assert.Equal(0.0, RetrievalMetrics.NdcgAt(["x", "y"], TwoRelevant, 10));
        Assert.Equal(0.0, RetrievalMetrics.ReciprocalRankAt(["x", "y"], TwoRelevant, 10));
        Assert.Equal(0.0, RetrievalMetrics.RecallAt([], TwoRelevant, 100));
    }

    [Fact]
    public void ARelevantDocumentBeyondTheCutOffDoesNotCount() =>
        Assert.Equal(0.0, RetrievalMetrics.ReciprocalRankAt(["x", "y", "d1"], TwoRelevant, 2));

    [Fact]
    public void SeveralChunksOfOneDocumentKeepOnlyItsBestRank() =>
        Assert.Equal(["x", "y", "z"], RetrievalMetrics.DistinctDocuments(["x", "y", "x", "z", "y"]));

    // [10, 20, 30, 40, 50]: rank = p/100 * (n - 1); p95 → 3.8 → 40 + 0.8 * (50 - 40) = 48.
    [Theory]
    [InlineData(0, 10)]
    [InlineData(50, 30)]
    [InlineData(95, 48)]
    [InlineData(99, 49.6)]
    [InlineData(100, 50)]
    public void PercentileInterpolatesBetweenTheClosestRanks(double percentile, double expected) =>
        Assert.Equal(expected, RetrievalMetrics.Percentile([50, 10, 40, 20, 30], percentile), 9);

    [Fact]
    public void PercentileOfOneValueIsThatValueAndOfNoneIsUndefined()
    {
        Assert.Equal(7.0, RetrievalMetrics.Percentile([7], 95));
        Assert.True(double.IsNaN(RetrievalMetrics.Percentile([], 50)));
    }
}
