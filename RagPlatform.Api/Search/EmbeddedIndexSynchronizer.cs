using System.Diagnostics;
using Npgsql;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Search;

/// <summary>
/// Keeps this instance's <see cref="EmbeddedSearchIndex"/> equal to PostgreSQL: loads every indexed
/// chunk at start, then replays the index change log whenever a NOTIFY arrives (and every few
/// seconds regardless, should a notification be lost with a dropped connection).
/// </summary>
public sealed class EmbeddedIndexSynchronizer(
    NpgsqlDataSource dataSource,
    EmbeddedSearchIndex index,
    ILogger<EmbeddedIndexSynchronizer> logger) : BackgroundService, IIndexVersion
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private long _appliedSequence = -1;

    /// <summary>True once the initial load is done; until then searches would miss documents.</summary>
    public bool IsLoaded => _loaded.Task.IsCompleted;

    public long AppliedSequence => Interlocked.Read(ref _appliedSequence);

    long? IIndexVersion.Current => AppliedSequence is var applied and >= 0 ? applied : null;

    bool IIndexVersion.IsReady => IsLoaded;

    /// <summary>
    /// Catches up now rather than at the next notification, so a handler that just committed a
    /// change can answer only once this instance reflects it.
    /// </summary>
    public async Task WaitForAsync(long sequence, CancellationToken cancellationToken)
    {
        if (AppliedSequence >= sequence)
        {
            return;
        }
        await WaitUntilLoadedAsync(cancellationToken);
        await _catchUp.WaitAsync(cancellationToken);
        try
        {
            if (AppliedSequence < sequence)
            {
                await CatchUpAsync(cancellationToken);
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    public Task WaitUntilLoadedAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                // Listen before reading, so no change committed after the snapshot goes unnoticed.
                await using (var listen = new NpgsqlCommand($"LISTEN {NotificationChannels.IndexChanges}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (AppliedSequence < 0)
                {
                    await LoadAllAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await _catchUp.WaitAsync(stoppingToken);
                    try
                    {
                        await CatchUpAsync(stoppingToken);
                    }
                    finally
                    {
                        _catchUp.Release();
                    }
                    await listener.WaitAsync(PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Index synchronisation with PostgreSQL failed; retrying in {Delay}", RetryDelay);
                await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for both reads: the chunks are exactly those the sequence number stands for.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        long sequence;
        await using (var command = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM index_changes", connection, transaction))
        {
            sequence = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        var chunks = await ChunkReader.ReadAsync(connection, transaction, documentIds: null, cancellationToken);
        index.Load(chunks);
        await transaction.CommitAsync(cancellationToken);

        Interlocked.Exchange(ref _appliedSequence, sequence);
        _loaded.TrySetResult();
        logger.LogInformation("Loaded {Chunks} chunks into the embedded index in {Elapsed} ms (change log at {Sequence})",
            chunks.Count, stopwatch.ElapsedMilliseconds, sequence);
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var changes = new List<IndexChange>();
        await using (var command = new NpgsqlCommand(
            "SELECT seq, document_id, operation = 'delete' FROM index_changes WHERE seq > @after ORDER BY seq", connection))
        {
            command.Parameters.AddWithValue("after", AppliedSequence);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add(new IndexChange(reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2)));
            }
        }
        if (changes.Count == 0)
        {
            return;
        }

        var batch = IndexChangeBatch.Coalesce(changes, AppliedSequence);
        foreach (var documentId in batch.Deletes)
        {
            await index.DeleteDocumentAsync(documentId, cancellationToken);
        }
        if (batch.Upserts.Count > 0)
        {
            var chunks = await ChunkReader.ReadAsync(connection, null, batch.Upserts, cancellationToken);
            // A document upserted then deleted since has no chunks any more: remove it.
            var present = chunks.Select(c => c.DocumentId).ToHashSet(StringComparer.Ordinal);
            foreach (var documentId in batch.Upserts.Where(id => !present.Contains(id)))
            {
                await index.DeleteDocumentAsync(documentId, cancellationToken);
            }
            // One load for the whole batch: each document is still swapped whole, but the keyword
            // index refreshes once per batch instead of once per document while ingestion runs.
            index.Load(chunks);
        }
        Interlocked.Exchange(ref _appliedSequence, batch.LastSequence);
        logger.LogDebug("Applied {Upserts} upserts and {Deletes} deletes (change log at {Sequence})",
            batch.Upserts.Count, batch.Deletes.Count, batch.LastSequence);
    }
}
