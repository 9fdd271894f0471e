namespace RagPlatform.Core.Indexing;

/// <summary>One entry of the index change log.</summary>
public readonly record struct IndexChange(long Sequence, string DocumentId, bool IsDelete);

/// <summary>
/// What a batch of change-log entries means for an index: only the newest entry per document
/// counts (an upsert after a delete re-adds, a delete after an upsert removes), so a replay does
/// the least work and reaches the same state whatever happened in between.
/// </summary>
public sealed record IndexChangeBatch(IReadOnlyCollection<string> Upserts, IReadOnlyCollection<string> Deletes, long LastSequence)
{
    public static IndexChangeBatch Coalesce(IEnumerable<IndexChange> changes, long appliedSequence)
    {
        var latest = new Dictionary<string, IndexChange>(StringComparer.Ordinal);
        var last = appliedSequence;
        foreach (var change in changes)
        {
            if (change.Sequence <= appliedSequence)
            {
                continue; // already applied (a replay overlapping the snapshot)
            }
            if (!latest.TryGetValue(change.DocumentId, out var seen) || seen.Sequence < change.Sequence)
            {
                latest[change.DocumentId] = change;
            }
            last = Math.Max(last, change.Sequence);
        }

        var upserts = new List<string>();
        var deletes = new List<string>();
        foreach (var change in latest.Values)
        {
            (change.IsDelete ? deletes : upserts).Add(change.DocumentId);
        }
        return new IndexChangeBatch(upserts, deletes, last);
    }
}
