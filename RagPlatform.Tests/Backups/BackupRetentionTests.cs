using RagPlatform.Core.Backups;

namespace RagPlatform.Tests.Backups;

/// <summary>Which backup sets retention removes: old ones only once a newer good one exists, never the newest good one.</summary>
public sealed class BackupRetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private static readonly TimeSpan Incomplete = TimeSpan.FromDays(1);

    [Fact]
    public void GoodSetsOlderThanThirtyDaysGoWhenANewerGoodSetExistsAndYoungerOnesStay()
    {
        var sets = new[] { Set(0, "verified"), Set(29.9, "verified"), Set(30.1, "verified"), Set(45, "verified") };

        var expired = Ids(BackupRetention.Expired(sets, Now, Retention, Incomplete));

        Assert.Equal([Id(30.1), Id(45)], expired);
    }

    [Fact]
    public void TheNewestGoodSetIsKeptAtAnyAgeEvenWhenNewerSetsFailed()
    {
        var sets = new[] { Set(0.5, "failed"), Set(200, "verified"), Set(400, "verified") };

        var expired = Ids(BackupRetention.Expired(sets, Now, Retention, Incomplete));

        Assert.Equal([Id(400)], expired);
    }

    [Fact]
    public void IncompleteSetsArePurgedAfterADayAndNotBefore()
    {
        var sets = new[] { Set(0, "verified"), Set(0.9, "running"), Set(1.1, "running"), Set(1.5, "complete"), Set(0.2, "failed"), Set(2, "failed") };

        var expired = Ids(BackupRetention.Expired(sets, Now, Retention, Incomplete));

        Assert.Equal([Id(1.1), Id(1.5), Id(2)], expired);
    }

    [Fact]
    public void WithNoGoodSetAtAllOldGoodSetsCannotExistAndOnlyIncompleteOnesGo()
    {
        var sets = new[] { Set(40, "failed"), Set(0.1, "running") };

        Assert.Equal([Id(40)], Ids(BackupRetention.Expired(sets, Now, Retention, Incomplete)));
    }

    private static BackupManifest Set(double daysOld, string status)
    {
        var at = Now - TimeSpan.FromDays(daysOld);
        return new BackupManifest(Id(daysOld), at, "scheduled", status, "test", 5, 1, []);
    }

    private static string Id(double daysOld) => $"{(Now - TimeSpan.FromDays(daysOld)).UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-000000";

    private static string[] Ids(IEnumerable<BackupManifest> sets) => [.. sets.Select(s => s.Id).Order(StringComparer.Ordinal).Reverse()];
}
