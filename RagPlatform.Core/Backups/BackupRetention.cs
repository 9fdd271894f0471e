namespace RagPlatform.Core.Backups;

/// <summary>
/// Which sets may go. A good (verified) set older than the retention goes only when a newer good one exists, so the
/// newest good set is kept at any age; a set that never became good goes once it is older than
/// <paramref name="incompleteAfter"/> (a run killed midway, a failed run), never sooner, since it may still be running.
/// </summary>
public static class BackupRetention
{
    public static IReadOnlyList<BackupManifest> Expired(
        IReadOnlyList<BackupManifest> sets, DateTimeOffset now, TimeSpan retention, TimeSpan incompleteAfter)
    {
        var newestGood = sets.Where(s => s.IsGood).MaxBy(s => s.CreatedAt);
        return [.. sets.Where(s => s.IsGood
            ? s != newestGood && s.CreatedAt < newestGood!.CreatedAt && now - s.CreatedAt > retention
            : now - s.CreatedAt > incompleteAfter)];
    }
}
