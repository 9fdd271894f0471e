using RagPlatform.Core.Ingestion;

namespace RagPlatform.Tests.Unit;

public sealed class RetryScheduleTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(2, 2, 4)]
    [InlineData(3, 4, 8)]
    public void DelayDoublesPerAttemptWithinItsJitterBand(int attempt, double minSeconds, double maxSeconds)
    {
        Assert.Equal(minSeconds, RetrySchedule.Delay(attempt, Base, Max, random: 0).TotalSeconds, 3);
        Assert.Equal(maxSeconds, RetrySchedule.Delay(attempt, Base, Max, random: 0.999999).TotalSeconds, 3);
    }

    [Fact]
    public void DelayNeverExceedsTheCap()
    {
        Assert.True(RetrySchedule.Delay(40, Base, Max, random: 0.999999) <= Max);
    }
}
