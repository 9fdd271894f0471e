namespace RagPlatform.Core.Backups;

/// <summary>Where backup sets are kept: one folder (or blob prefix) per set id, its files and its manifest.</summary>
public interface IBackupTarget
{
    /// <summary>Human-readable location of a set (a path or a URL) for operators.</summary>
    string Describe(string backupId);

    /// <summary>Every set's manifest, newest first; a set whose manifest is missing or unreadable is reported as failed.</summary>
    Task<IReadOnlyList<BackupManifest>> ListAsync(CancellationToken cancellationToken);

    Task<BackupManifest?> GetAsync(string backupId, CancellationToken cancellationToken);

    Task WriteManifestAsync(BackupManifest manifest, CancellationToken cancellationToken);

    Task WriteFileAsync(string backupId, string name, Stream content, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(string backupId, string name, CancellationToken cancellationToken);

    Task DeleteAsync(string backupId, CancellationToken cancellationToken);
}
