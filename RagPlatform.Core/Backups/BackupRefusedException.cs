namespace RagPlatform.Core.Backups;

/// <summary>A backup or restore that must not go ahead; <see cref="Reason"/> is the metrics' failure tag.</summary>
public sealed class BackupRefusedException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
