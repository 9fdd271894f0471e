namespace RagPlatform.Core.Backups;

/// <summary>A backup that has started: its manifest as first written (status running), and the run to its final manifest.</summary>
public sealed record BackupRun(BackupManifest Started, Task<BackupManifest> Completion);
