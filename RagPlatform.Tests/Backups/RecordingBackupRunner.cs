using RagPlatform.Core.Backups;

namespace RagPlatform.Tests.Backups;

/// <summary>Stands in for the backup service where only the schedule's timing is under test: records each occurrence it is asked to run.</summary>
internal sealed class RecordingBackupRunner(TimeProvider time, DateTimeOffset? newestGood, Exception? notReady = null) : IBackupRunner
{
    public List<(DateTimeOffset Occurrence, DateTimeOffset RanAt)> Runs { get; } = [];

    public Task EnsureReadyAsync(CancellationToken cancellationToken) => notReady is null ? Task.CompletedTask : Task.FromException(notReady);

    public Task<BackupManifest?> NewestGoodAsync(CancellationToken cancellationToken) => Task.FromResult(newestGood is { } at
        ? new BackupManifest(BackupIds.New(at), at, BackupManifest.Kinds.Scheduled, BackupManifest.Statuses.Verified, "test", 5, 0, [])
        : null);

    public Task<BackupManifest?> RunScheduledAsync(DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var run = (occurrence, time.GetUtcNow());
        lock (Runs)
        {
            Runs.Add(run);
        }
        return Task.FromResult<BackupManifest?>(null);
    }
}
