using Microsoft.Extensions.Logging;
using Npgsql;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Projects the index change log into one <see cref="ISearchIndex"/>: the only writer of an index, shared by every
/// backend (the embedded index in each API, Qdrant through the worker's projector). Changes are applied in sequence
/// order, a batch at a time; within a batch only a document's newest change counts (<see cref="IndexChangeBatch"/>)
/// and an upsert reloads the document's current chunks, so re-applying a batch after a crash or a failure midway
/// reaches the same state. The caller records the returned sequence as its checkpoint only after the batch is
/// applied whole: a batch cut short is applied again from its start, never skipped.
/// </summary>
public sealed class IndexProjection(NpgsqlDataSource dataSource, ISearchIndex index, ILogger logger, int batchSize = 1000)
{
    /// <summary>
    /// Applies the next batch of changes after <paramref name="applied"/>; returns the last sequence it applied,
    /// or <paramref name="applied"/> when the log holds nothing newer.
    /// </summary>
    public async Task<long> ApplyNextBatchAsync(long applied, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var changes = await IndexChangeLog.ReadAfterAsync(connection, applied, batchSize, cancellationToken);
        if (changes.Count == 0)
        {
            return applied;
        }

        var batch = IndexChangeBatch.Coalesce(changes, applied);
        foreach (var documentId in batch.Deletes)
        {
            await index.DeleteDocumentAsync(documentId, cancellationToken);
        }
        if (batch.Upserts.Count > 0)
        {
            // The current chunks, which may be newer than this batch: a later change then re-applies the same state.
            var chunks = await ChunkReader.ReadAsync(connection, null, batch.Upserts, cancellationToken);
            // A document upserted then deleted since has no chunks any more: remove it.
            var present = chunks.Select(c => c.DocumentId).ToHashSet(StringComparer.Ordinal);
            foreach (var documentId in batch.Upserts.Where(id => !present.Contains(id)))
            {
                await index.DeleteDocumentAsync(documentId, cancellationToken);
            }
            await index.UpsertDocumentsAsync(chunks, cancellationToken);
        }
        logger.LogDebug("Applied {Upserts} upserts and {Deletes} deletes (change log at {Sequence})",
            batch.Upserts.Count, batch.Deletes.Count, batch.LastSequence);
        return batch.LastSequence;
    }

    /// <summary>
    /// Applies batches until the log is exhausted, calling <paramref name="checkpoint"/> after each with the sequence
    /// it reached (there the caller records it: in memory, or durably). Returns the last sequence applied.
    /// </summary>
    public async Task<long> CatchUpAsync(long applied, Func<long, CancellationToken, Task> checkpoint, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = await ApplyNextBatchAsync(applied, cancellationToken);
            if (next <= applied)
            {
                return applied;
            }
            await checkpoint(next, cancellationToken);
            applied = next;
        }
    }
}
