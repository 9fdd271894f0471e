namespace RagPlatform.Core.Backups;

/// <summary>What the schedule needs of the backup service; tests of the schedule's timing put a recorder here.</summary>
public interface IBackupRunner
{
    /// <summary>Refuses (<see cref="BackupRefusedException"/>) when backups cannot work here at all.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken);

    Task<BackupManifest?> NewestGoodAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs the backup due at <paramref name="occurrence"/> unless another instance runs one or already took this
    /// occurrence's; null when it did not run here.
    /// </summary>
    Task<BackupManifest?> RunScheduledAsync(DateTimeOffset occurrence, CancellationToken cancellationToken);
}
