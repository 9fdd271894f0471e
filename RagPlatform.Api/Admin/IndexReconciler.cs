using System.Diagnostics.Metrics;
using Npgsql;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Admin;

/// <summary>
/// Finds and repairs drift between PostgreSQL (the truth) and the search index: chunks missing from
/// the index, and chunks the index holds that PostgreSQL does not (a deleted document, an old
/// version). Every drifting document is rewritten whole from PostgreSQL. Safe to run at any time:
/// a second run right after finds nothing. Its connections open through <see cref="GuardedDatabase"/> (its reads
/// of every chunk id may rightly outlast the <c>postgres</c> timeout, so only the opening is bounded).
/// </summary>
public sealed class IndexReconciler(GuardedDatabase database, ISearchIndex index, ILogger<IndexReconciler> logger)
{
    private static readonly Meter Meter = new("RagPlatform.Index");
    private static readonly Counter<long> Repaired = Meter.CreateCounter<long>("rag.index.reconciled.chunks", description: "Chunks repaired by reconciliation, by kind (missing, orphan)");
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var expected = new HashSet<IndexedChunkId>();
            await using (var connection = await database.OpenConnectionAsync(cancellationToken))
            await using (var command = new NpgsqlCommand("SELECT document_id, id FROM chunks", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    expected.Add(new IndexedChunkId(reader.GetString(0), reader.GetGuid(1)));
                }
            }
            var actual = (await index.ListChunksAsync(cancellationToken)).ToHashSet();

            var missing = expected.Where(c => !actual.Contains(c)).ToList();
            var orphans = actual.Where(c => !expected.Contains(c)).ToList();
            var drifting = missing.Concat(orphans).Select(c => c.DocumentId).ToHashSet(StringComparer.Ordinal);
            if (drifting.Count > 0)
            {
                await RewriteAsync(drifting, cancellationToken);
                Repaired.Add(missing.Count, new KeyValuePair<string, object?>("kind", "missing"));
                Repaired.Add(orphans.Count, new KeyValuePair<string, object?>("kind", "orphan"));
                logger.LogWarning("Reconciled the index with PostgreSQL: {Missing} missing and {Orphans} orphan chunks in {Documents} documents",
                    missing.Count, orphans.Count, drifting.Count);
            }
            return new ReconcileReport(expected.Count, actual.Count, missing.Count, orphans.Count, drifting.Order(StringComparer.Ordinal).ToArray());
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task RewriteAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var chunks = await ChunkReader.ReadAsync(connection, null, documentIds, cancellationToken);
        var byDocument = chunks.ToLookup(c => c.DocumentId, StringComparer.Ordinal);
        foreach (var documentId in documentIds)
        {
            var documentChunks = byDocument[documentId].ToArray();
            if (documentChunks.Length == 0)
            {
                await index.DeleteDocumentAsync(documentId, cancellationToken);
            }
            else
            {
                await index.UpsertDocumentAsync(documentId, documentChunks, cancellationToken);
            }
        }
    }
}

/// <summary>What a reconciliation found and repaired.</summary>
public sealed record ReconcileReport(
    int ChunksInDatabase,
    int ChunksInIndex,
    int MissingChunksRestored,
    int OrphanChunksRemoved,
    IReadOnlyList<string> DocumentsRepaired);
