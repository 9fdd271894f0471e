using RagPlatform.Bench.Load;

namespace RagPlatform.Tests.Bench;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void PercentilesOfOneToAThousandMicrosecondsAreExactNearestRanks()
    {
        var histogram = new LatencyHistogram();
        foreach (var micros in Enumerable.Range(1, 1000).Reverse())
        {
            histogram.RecordMicros(micros);
        }

        Assert.Equal(500, histogram.PercentileMicros(50));
        Assert.Equal(900, histogram.PercentileMicros(90));
        Assert.Equal(950, histogram.PercentileMicros(95));
        Assert.Equal(990, histogram.PercentileMicros(99));
        Assert.Equal(1000, histogram.PercentileMicros(100));
        Assert.Equal(1, histogram.PercentileMicros(0));
    }

    [Fact]
    public void LargeLatenciesAreWithinTwoTenthsOfAPercent()
    {
        var histogram = new LatencyHistogram();
        var values = Enumerable.Range(1, 10_000).Select(i => (long)i * 997).ToArray(); // up to about 10 s
        foreach (var value in values)
        {
            histogram.RecordMicros(value);
        }

        foreach (var percentile in new[] { 50.0, 90, 95, 99, 99.9 })
        {
            var exact = values[(int)Math.Ceiling(percentile / 100 * values.Length) - 1];
            var measured = histogram.PercentileMicros(percentile);
            Assert.InRange(measured, exact, exact * 1.002);
        }
        Assert.Equal(values[^1], histogram.PercentileMicros(100));
    }

    [Fact]
    public void AnEmptyHistogramReportsZero() => Assert.Equal(0, new LatencyHistogram().PercentileMicros(95));

    [Fact]
    public void EveryValueFallsIntoABucketWhoseUpperBoundIsNotBelowIt()
    {
        foreach (var value in new long[] { 0, 1, 1023, 1024, 1025, 2047, 2048, 123_456, 10_000_000, (1L << 35) + 12345 })
        {
            var index = LatencyHistogram.IndexOf(value);
            Assert.InRange(LatencyHistogram.HighestEquivalent(index), value, value + (value >> 9));
            Assert.True(index == 0 || LatencyHistogram.HighestEquivalent(index - 1) < value);
        }
    }

    [Fact]
    public void MergedStatsAddCountsAndErrorsOfEveryOperation()
    {
        var search = new OperationStats();
        var upload = new OperationStats();
        search.RecordStatus(200, TimeSpan.FromMilliseconds(2));
        search.RecordStatus(500, TimeSpan.FromMilliseconds(4));
        upload.RecordStatus(202, TimeSpan.FromMilliseconds(8));
        upload.RecordException("Timeout", TimeSpan.FromSeconds(30));

        var overall = OperationStats.Merge([search, upload]);

        Assert.Equal(4, overall.Count);
        Assert.Equal(2, overall.Errors);
        Assert.Equal(0.5, overall.ErrorRate);
        Assert.Equal(1, overall.StatusCounts[500]);
        Assert.Equal(1, overall.ExceptionCounts["Timeout"]);
        Assert.Equal(30_000, overall.Latency.PercentileMs(100));
    }
}
