using Microsoft.Extensions.Time.Testing;
using RagPlatform.Api.Admission;

namespace RagPlatform.Tests.Admission;

/// <summary>The shedding decision on a fake clock and a fake CPU meter: who runs, who waits in which order, who is refused.</summary>
public sealed class AdaptiveConcurrencyLimiterTests
{
    private readonly FakeTimeProvider _time = new();
    private double _cpuBusy;

    private AdaptiveConcurrencyLimiter Limiter(int limit = 1, int maxLimit = 0, TimeSpan? maxWait = null) => new(
        new AdmissionOptions
        {
            InitialLimit = limit,
            MinLimit = limit,
            MaxLimit = maxLimit > 0 ? maxLimit : limit,
            MaxWait = maxWait ?? TimeSpan.FromSeconds(1),
        },
        _time, () => _cpuBusy);

    /// <summary>One request through the limiter that takes <paramref name="duration"/> on the fake clock.</summary>
    private async Task RunAsync(AdaptiveConcurrencyLimiter limiter, TimeSpan duration)
    {
        using var permit = await limiter.EnterAsync(CancellationToken.None);
        _time.Advance(duration);
    }

    [Fact]
    public async Task RequestsBeyondTheLimitGetTheirTurnInTheOrderTheyCame()
    {
        var limiter = Limiter(limit: 1);
        var first = await limiter.EnterAsync(CancellationToken.None);
        var waiting = Enumerable.Range(0, 5).Select(_ => limiter.EnterAsync(CancellationToken.None).AsTask()).ToList();
        Assert.Equal(5, limiter.Queued);

        first.Dispose();
        for (var turn = 0; turn < waiting.Count; turn++)
        {
            // Only the one whose turn it is has been let in: the first to finish among those still waiting is it.
            Assert.Same(waiting[turn], await Task.WhenAny(waiting.Skip(turn)));
            (await waiting[turn]).Dispose();
        }
    }

    [Fact]
    public async Task ARequestThatWouldWaitLongerThanTheBudgetIsRefusedOnArrivalWithWhenToRetry()
    {
        var limiter = Limiter(limit: 1, maxWait: TimeSpan.FromMilliseconds(250));
        await RunAsync(limiter, TimeSpan.FromMilliseconds(100)); // teaches it a search takes 100 ms

        using var running = await limiter.EnterAsync(CancellationToken.None);
        var second = limiter.EnterAsync(CancellationToken.None).AsTask(); // waits ~100 ms
        var third = limiter.EnterAsync(CancellationToken.None).AsTask(); // ~200 ms
        var refused = Assert.Throws<OverloadedException>(() => { _ = limiter.EnterAsync(CancellationToken.None); }); // ~300 ms > 250

        Assert.Equal(AdmissionReasons.QueueFull, refused.Reason);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        Assert.Equal(2, limiter.Queued);
        Assert.False(second.IsCompleted || third.IsCompleted);
    }

    [Fact]
    public async Task AnIdleSpellBeforeABusyOneDoesNotMakeTheQueueLookSlow()
    {
        var limiter = Limiter(limit: 1, maxWait: TimeSpan.FromSeconds(1));
        await RunAsync(limiter, TimeSpan.FromMilliseconds(10));
        _time.Advance(TimeSpan.FromMinutes(1)); // nobody searches for a minute

        var running = await limiter.EnterAsync(CancellationToken.None);
        var queued = limiter.EnterAsync(CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        running.Dispose(); // the first completion while busy: the one before it was a minute ago
        using var next = await queued;

        // The queue drains a search every 10 ms or so, not one a minute: the next one waits its turn.
        var waiting = limiter.EnterAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsFaulted);
        Assert.Equal(1, limiter.Queued);
        next.Dispose();
        (await waiting).Dispose();
    }

    [Fact]
    public async Task AQueuedRequestWhoseTurnDoesNotComeWithinTheBudgetIsRefusedAndLeavesTheQueue()
    {
        var limiter = Limiter(limit: 1, maxWait: TimeSpan.FromMilliseconds(500));
        using var running = await limiter.EnterAsync(CancellationToken.None);
        var waiting = limiter.EnterAsync(CancellationToken.None).AsTask();

        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var refused = await Assert.ThrowsAsync<OverloadedException>(() => waiting);
        Assert.Equal(AdmissionReasons.WaitedTooLong, refused.Reason);
        Assert.Equal(0, limiter.Queued);
    }

    [Fact]
    public async Task ARequestCancelledWhileQueuedLeavesItsPlaceToTheNext()
    {
        var limiter = Limiter(limit: 1);
        var running = await limiter.EnterAsync(CancellationToken.None);
        using var gone = new CancellationTokenSource();
        var cancelled = limiter.EnterAsync(gone.Token).AsTask();
        var next = limiter.EnterAsync(CancellationToken.None).AsTask();

        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        running.Dispose();

        (await next).Dispose();
        Assert.Equal(0, limiter.InFlight);
    }

    [Fact]
    public async Task EveryRefusalIsReportedWithItsReason()
    {
        var limiter = Limiter(limit: 1, maxWait: TimeSpan.Zero);
        var reasons = new List<string>();
        limiter.Shed += reasons.Add;
        await RunAsync(limiter, TimeSpan.FromMilliseconds(10));

        using var running = await limiter.EnterAsync(CancellationToken.None);
        Assert.Throws<OverloadedException>(() => { _ = limiter.EnterAsync(CancellationToken.None); });

        Assert.Equal([AdmissionReasons.QueueFull], reasons);
    }

    [Fact]
    public async Task WhenWaitsCostNoCpuAndLatencyStaysFlatTheLimitGrows()
    {
        var limiter = Limiter(limit: 2, maxLimit: 100);
        _cpuBusy = 0.3;
        for (var round = 0; round < 30; round++)
        {
            // A full limit's worth of requests at once, each 50 ms, with the cores idle (a remote model answering).
            var permits = new List<AdaptiveConcurrencyLimiter.Permit>();
            for (var i = 0; i < limiter.Limit; i++)
            {
                permits.Add(await limiter.EnterAsync(CancellationToken.None));
            }
            _time.Advance(TimeSpan.FromMilliseconds(50));
            permits.ForEach(p => p.Dispose());
        }

        Assert.True(limiter.Limit > 20, $"the limit stayed at {limiter.Limit}");
    }

    [Fact]
    public async Task WhileTheCoresAreSaturatedAndRequestsSlowDownTheLimitShrinksToOnePerCore()
    {
        var limiter = new AdaptiveConcurrencyLimiter(
            new AdmissionOptions { InitialLimit = 40, MinLimit = 2, MaxLimit = 100 }, _time, () => _cpuBusy);
        _cpuBusy = 1.0;
        for (var round = 0; round < 40; round++)
        {
            // As many at once as allowed, on two busy cores: each takes as long as the crowd makes it.
            var permits = new List<AdaptiveConcurrencyLimiter.Permit>();
            for (var i = 0; i < limiter.Limit; i++)
            {
                permits.Add(await limiter.EnterAsync(CancellationToken.None));
            }
            _time.Advance(TimeSpan.FromMilliseconds(5 * permits.Count));
            permits.ForEach(p => p.Dispose());
        }

        Assert.Equal(2, limiter.Limit);
    }
}
