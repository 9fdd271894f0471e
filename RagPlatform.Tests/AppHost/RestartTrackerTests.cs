using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Time.Testing;
using RagPlatform.AppHost.Restarts;

namespace RagPlatform.Tests.AppHost;

public sealed class RestartTrackerTests
{
    private const string Replica = "worker-abc12";
    private const int Killed = 137;
    private readonly FakeTimeProvider _time = new();
    private readonly RestartTracker _tracker = new(new RestartPolicyAnnotation(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(1)));

    private RestartDecision Report(string state, int? exitCode = null, string replica = Replica) =>
        _tracker.OnState(replica, state, exitCode, _time.GetUtcNow());

    /// <summary>The process runs, is killed, and the tracker's answer is returned.</summary>
    private RestartDecision RunThenKill(TimeSpan runningFor, string replica = Replica)
    {
        Report(KnownResourceStates.Starting, replica: replica);
        Report(KnownResourceStates.Running, replica: replica);
        _time.Advance(runningFor);
        return Report(KnownResourceStates.Exited, Killed, replica);
    }

    [Fact]
    public void AKilledProcessIsRestartedWithADoublingDelayUpToTheCapThenLeftDown()
    {
        var decisions = Enumerable.Range(0, 4).Select(_ => RunThenKill(TimeSpan.FromSeconds(5))).ToList();

        Assert.Equal(
            [new RestartDecision.Restart(1, TimeSpan.FromSeconds(1)), new RestartDecision.Restart(2, TimeSpan.FromSeconds(2)),
             new RestartDecision.Restart(3, TimeSpan.FromSeconds(3))],
            decisions.Take(3));
        Assert.Equal(new RestartDecision.GiveUp(3), decisions[3]);
    }

    [Fact]
    public void AProcessThatStayedUpLongEnoughStartsItsCountAgain()
    {
        RunThenKill(TimeSpan.FromSeconds(5));
        RunThenKill(TimeSpan.FromSeconds(5));

        Assert.Equal(new RestartDecision.Restart(1, TimeSpan.FromSeconds(1)), RunThenKill(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void AStopAskedForOrACleanExitIsNotRestarted()
    {
        Report(KnownResourceStates.Running);
        Report(KnownResourceStates.Stopping);
        Assert.IsType<RestartDecision.None>(Report(KnownResourceStates.Exited, Killed));

        Report(KnownResourceStates.Running);
        Assert.IsType<RestartDecision.None>(Report(KnownResourceStates.Finished, 0));
    }

    [Fact]
    public void EachReplicaIsRestartedOnItsOwnAndOnlyOncePerExit()
    {
        Assert.IsType<RestartDecision.Restart>(RunThenKill(TimeSpan.FromSeconds(5), "worker-one"));
        Assert.IsType<RestartDecision.Restart>(RunThenKill(TimeSpan.FromSeconds(5), "worker-two"));
        // A repeated snapshot of the same exit (Aspire republishes on any change) asks for nothing more.
        Assert.IsType<RestartDecision.None>(Report(KnownResourceStates.Exited, Killed, "worker-two"));
    }
}
