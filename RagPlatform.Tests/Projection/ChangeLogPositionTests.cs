using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Projection;

/// <summary>How far an index has applied the log, as a waiting request sees it.</summary>
public sealed class ChangeLogPositionTests
{
    [Fact]
    public async Task AWaiterIsReleasedWhenThePositionReachesItsChange()
    {
        var position = new ChangeLogPosition();
        position.Advance(3);
        var waiting = position.WaitForAsync(5, TimeSpan.FromMinutes(1), TimeProvider.System, CancellationToken.None);

        position.Advance(4);
        Assert.False(waiting.IsCompleted);
        position.Advance(5);

        Assert.True(await waiting);
    }

    [Fact]
    public async Task AWaitThatOutlastsItsTimeoutAnswersThatTheChangeIsPending()
    {
        var position = new ChangeLogPosition();
        position.Advance(3);

        Assert.False(await position.WaitForAsync(5, TimeSpan.Zero, TimeProvider.System, CancellationToken.None));
        Assert.True(await position.WaitForAsync(3, TimeSpan.Zero, TimeProvider.System, CancellationToken.None));
    }

    [Fact]
    public void APositionNeverMovesBackAndIsUnknownUntilFirstSet()
    {
        var position = new ChangeLogPosition();
        Assert.Null(position.Current);

        position.Advance(7);
        position.Advance(2);

        Assert.Equal(7, position.Current);
    }
}
