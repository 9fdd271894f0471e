using RagPlatform.Core.Documents;

namespace RagPlatform.Tests.Ingestion;

public sealed class EmbeddingProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheTimeLeftFollowsThisAttemptsPaceAndLeavesOutWhatEarlierAttemptsEmbedded()
    {
        // Resumed at 1,000 of 5,000; 1,000 more in 10 s: 3,000 left at 100 per second.
        var progress = new EmbeddingProgress(5000, 2000, 1000, Start, Start.AddSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(30), progress.EstimatedTimeLeft(Start.AddSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(26), progress.EstimatedTimeLeft(Start.AddSeconds(14)));
    }

    [Fact]
    public void ThereIsNoEstimateBeforeTheAttemptHasEmbeddedAnything()
    {
        var progress = new EmbeddingProgress(5000, 1000, 1000, Start, Start);

        Assert.Null(progress.EstimatedTimeLeft(Start.AddSeconds(3)));
    }

    [Fact]
    public void AnEstimateOverdueOrADocumentFullyEmbeddedHasNothingLeft()
    {
        Assert.Equal(TimeSpan.Zero, new EmbeddingProgress(100, 50, 0, Start, Start.AddSeconds(5)).EstimatedTimeLeft(Start.AddMinutes(1)));
        Assert.Equal(TimeSpan.Zero, new EmbeddingProgress(100, 100, 0, Start, Start.AddSeconds(5)).EstimatedTimeLeft(Start.AddSeconds(5)));
    }

    [Fact]
    public void ARecognisedScanEstimatesTheRestOfItsPagesAtItsPagePace()
    {
        // 2 of 10 pages in 16 s: 8 pages left at 8 s a page, 3 s of which have passed since the last page.
        var progress = new OcrProgress(10, 2, Start, Start.AddSeconds(16));

        Assert.Equal(TimeSpan.FromSeconds(61), progress.EstimatedTimeLeft(Start.AddSeconds(19)));
        Assert.Null(new OcrProgress(10, 0, Start, Start).EstimatedTimeLeft(Start.AddSeconds(5)));
    }
}
