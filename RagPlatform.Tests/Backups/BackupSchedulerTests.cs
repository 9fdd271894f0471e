using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RagPlatform.Core.Backups;
using RagPlatform.Tests.Infrastructure;
using RagPlatform.Worker.Backups;

namespace RagPlatform.Tests.Backups;

/// <summary>The backup schedule on a fake clock: 02:00 in a zone with daylight saving, and the run missed while the machine was off.</summary>
public sealed class BackupSchedulerTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task TheNightTheClocksSpringForwardTheSkipped0200RunsOnceAtTheJump()
    {
        // Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST, so 02:00 never happens that night.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));

        var runs = await RunScheduleUntilAsync(time, new DateTimeOffset(2026, 3, 30, 12, 0, 0, TimeSpan.Zero), "Europe/Berlin");

        Assert.Equal(
            [At(2026, 3, 28, 1, 0), At(2026, 3, 29, 1, 0), At(2026, 3, 30, 0, 0)], // 02:00 CET, 03:00 CEST (the jump), 02:00 CEST
            runs.Select(r => r.Occurrence));
        AssertRanOnTime(runs);
    }

    [Fact]
    public async Task TheNightTheClocksFallBackTheRepeated0200RunsOnce()
    {
        // Berlin, 25 October 2026: 03:00 CEST goes back to 02:00 CET, so 02:00 happens twice that night.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 23, 12, 0, 0, TimeSpan.Zero));

        var runs = await RunScheduleUntilAsync(time, new DateTimeOffset(2026, 10, 26, 12, 0, 0, TimeSpan.Zero), "Europe/Berlin");

        Assert.Equal(
            [At(2026, 10, 24, 0, 0), At(2026, 10, 25, 0, 0), At(2026, 10, 26, 1, 0)], // 02:00 CEST, the first 02:00 only, 02:00 CET
            runs.Select(r => r.Occurrence));
        AssertRanOnTime(runs);
    }

    [Fact]
    public async Task ARunMissedWhileTheMachineWasOffIsTakenAtStartAndTheScheduleGoesOn()
    {
        // The newest backup is three days old and it is 09:00: this morning's 02:00 was missed.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

        var runs = await RunScheduleUntilAsync(time, new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero), "UTC",
            newestGood: new DateTimeOffset(2026, 12, 3, 2, 0, 40, TimeSpan.Zero), runsAtStart: 1);

        Assert.Equal([At(2026, 12, 6, 2, 0), At(2026, 12, 7, 2, 0)], runs.Select(r => r.Occurrence));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero), runs[0].RanAt); // at start, not at the next 02:00
    }

    [Fact]
    public async Task NoRunIsTakenAtStartWhenTheNewestBackupIsFromTheLastOccurrence()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

        var runs = await RunScheduleUntilAsync(time, new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero), "UTC",
            newestGood: new DateTimeOffset(2026, 12, 6, 2, 0, 40, TimeSpan.Zero));

        Assert.Equal([At(2026, 12, 7, 2, 0)], runs.Select(r => r.Occurrence));
    }

    [Fact]
    public async Task HealthIsDegradedOnceTheNewestGoodBackupIsOlderThanTwoIntervals()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var metrics = new BackupMetrics(TestMeterFactory.Create());
        var check = new BackupHealthCheck(metrics, time, Options.Create(new BackupOptions()));
        metrics.NewestGood(time.GetUtcNow() - TimeSpan.FromHours(47));

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await check.CheckHealthAsync(null!)).Status);
        time.Advance(TimeSpan.FromHours(2));
        var degraded = await check.CheckHealthAsync(null!);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, degraded.Status);
        Assert.Contains("older than twice the backup interval", degraded.Description);
    }

    [Fact]
    public async Task ADumpToolTooOldForTheServerStopsTheScheduleAndMakesHealthDegradedWithTheReason()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero));
        var refusal = Assert.Throws<BackupRefusedException>(() => PostgresClientTools.EnsureCanDump("pg_dump (PostgreSQL) 15.18", 160001));
        var metrics = new BackupMetrics(TestMeterFactory.Create());

        var runs = await RunScheduleUntilAsync(time, new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero), "UTC", notReady: refusal, metrics: metrics);

        Assert.Empty(runs);
        var health = await new BackupHealthCheck(metrics, time, Options.Create(new BackupOptions())).CheckHealthAsync(null!);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, health.Status);
        Assert.Contains("pg_dump 15.18 cannot dump PostgreSQL 16", health.Description);
    }

    /// <summary>Runs the scheduler, moving the fake clock ten minutes at a time, until <paramref name="until"/>.</summary>
    private static async Task<List<(DateTimeOffset Occurrence, DateTimeOffset RanAt)>> RunScheduleUntilAsync(
        FakeTimeProvider time, DateTimeOffset until, string zone, DateTimeOffset? newestGood = null, Exception? notReady = null,
        BackupMetrics? metrics = null, int runsAtStart = 0)
    {
        var runner = new RecordingBackupRunner(time, newestGood, notReady);
        var options = Options.Create(new BackupOptions { TimeZone = zone });
        using var scheduler = new BackupScheduler(runner, metrics ?? new BackupMetrics(TestMeterFactory.Create()), time, options, NullLogger<BackupScheduler>.Instance);
        await scheduler.StartAsync(CancellationToken.None);
        // A run due at start must be seen before the clock moves, however slowly the scheduler's start is scheduled.
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (RunCount(runner) < runsAtStart)
        {
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), "the run due at start was not taken");
            await Task.Delay(5);
        }
        while (time.GetUtcNow() < until)
        {
            // Let the scheduler reach its next wait before the clock moves on.
            await Task.Delay(2);
            time.Advance(Step);
        }
        await Task.Delay(20);
        await scheduler.StopAsync(CancellationToken.None);
        lock (runner.Runs)
        {
            return [.. runner.Runs];
        }
    }

    private static int RunCount(RecordingBackupRunner runner)
    {
        lock (runner.Runs)
        {
            return runner.Runs.Count;
        }
    }

    /// <summary>Never early; late only by the test's clock steps (the scheduler may be slow to reach its wait on a busy machine).</summary>
    private static void AssertRanOnTime(IEnumerable<(DateTimeOffset Occurrence, DateTimeOffset RanAt)> runs) =>
        Assert.All(runs, r => Assert.InRange(r.RanAt - r.Occurrence, TimeSpan.Zero, TimeSpan.FromHours(1)));

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
