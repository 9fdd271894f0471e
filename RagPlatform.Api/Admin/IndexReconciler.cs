using System.Diagnostics.Metrics;
using Npgsql;
using RagPlatform.Api.Search;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Admin;

/// <summary>
/// Compare and replay: finds drift between PostgreSQL (the truth) and this instance's search index (chunks missing
/// from the index, chunks the index holds that PostgreSQL does not: a deleted document, an old version) and, for
/// every drifting document, appends a change to the index change log (an upsert, or a delete if it has no chunks),
/// so every projection repairs it through the one path into an index. It waits (boundedly) for this instance's
/// index to apply the repairs, so a search right after finds the repaired state. Safe to run at any time: a second
/// run right after finds nothing. Its connections open through <see cref="GuardedDatabase"/> (its reads of every
/// chunk id may rightly outlast the <c>postgres</c> timeout, so only the opening is bounded).
/// </summary>
public sealed class IndexReconciler
{
    private readonly GuardedDatabase _database;
    private readonly ISearchIndex _index;
    private readonly IIndexVersion _version;
    private readonly ILogger<IndexReconciler> _logger;
    private readonly Counter<long> _repaired;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public IndexReconciler(GuardedDatabase database, ISearchIndex index, IIndexVersion version, IMeterFactory meters, ILogger<IndexReconciler> logger)
    {
        (_database, _index, _version, _logger) = (database, index, version, logger);
        _repaired = meters.Create("RagPlatform.Index").CreateCounter<long>("rag.index.reconciled.chunks",
            description: "Chunks repaired by reconciliation, by kind (missing, orphan)");
    }

    public async Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var (expected, sequence) = await ReadDatabaseAsync(cancellationToken);
            // Compare with the index as of the same point in the log; changes still in flight would look like drift
            // (replaying them is harmless, but the report would overstate it).
            await _version.WaitForAsync(sequence, cancellationToken);
            var actual = (await _index.ListChunksAsync(cancellationToken)).ToHashSet();

            var missing = expected.Where(c => !actual.Contains(c)).ToList();
            var orphans = actual.Where(c => !expected.Contains(c)).ToList();
            var drifting = missing.Concat(orphans).Select(c => c.DocumentId).ToHashSet(StringComparer.Ordinal);
            if (drifting.Count > 0)
            {
                var withChunks = expected.Select(c => c.DocumentId).ToHashSet(StringComparer.Ordinal);
                var last = await ReplayAsync(drifting, withChunks, cancellationToken);
                _repaired.Add(missing.Count, new KeyValuePair<string, object?>("kind", "missing"));
                _repaired.Add(orphans.Count, new KeyValuePair<string, object?>("kind", "orphan"));
                _logger.LogWarning("Reconciling the index with PostgreSQL: {Missing} missing and {Orphans} orphan chunks in {Documents} documents, replayed up to change {Sequence}",
                    missing.Count, orphans.Count, drifting.Count, last);
                await _version.WaitForAsync(last, cancellationToken);
            }
            return new ReconcileReport(expected.Count, actual.Count, missing.Count, orphans.Count, drifting.Order(StringComparer.Ordinal).ToArray());
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Every chunk id in PostgreSQL and the change-log position they stand for, from one snapshot.</summary>
    private async Task<(HashSet<IndexedChunkId> Chunks, long Sequence)> ReadDatabaseAsync(CancellationToken cancellationToken)
    {
        var expected = new HashSet<IndexedChunkId>();
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var sequence = await IndexChangeLog.LatestAsync(connection, transaction, cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT document_id, id FROM chunks", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                expected.Add(new IndexedChunkId(reader.GetString(0), reader.GetGuid(1)));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return (expected, sequence);
    }

    /// <returns>The sequence of the last change appended.</returns>
    private async Task<long> ReplayAsync(IReadOnlyCollection<string> documentIds, HashSet<string> withChunks, CancellationToken cancellationToken)
    {
        // An upsert reloads the document's chunks as they are when applied, so one written now for a document
        // deleted a moment later still converges: the delete's own change follows it.
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var last = 0L;
        foreach (var documentId in documentIds.Order(StringComparer.Ordinal))
        {
            var operation = withChunks.Contains(documentId) ? IndexOperation.Upsert : IndexOperation.Delete;
            last = await IndexChangeLog.AppendAsync(connection, transaction, documentId, operation, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return last;
    }
}

/// <summary>What a reconciliation found and repaired (through the change log, as every index is written).</summary>
public sealed record ReconcileReport(
    int ChunksInDatabase,
    int ChunksInIndex,
    int MissingChunksRestored,
    int OrphanChunksRemoved,
    IReadOnlyList<string> DocumentsRepaired);
