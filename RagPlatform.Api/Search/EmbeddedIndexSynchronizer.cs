using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Search;

/// <summary>
/// Keeps this instance's <see cref="EmbeddedSearchIndex"/> equal to PostgreSQL: loads every indexed chunk at start,
/// then projects the index change log (<see cref="IndexProjection"/>) whenever a NOTIFY arrives (and every few
/// seconds regardless, should a notification be lost with a dropped connection). Its checkpoint is in memory: a
/// restarted instance loads everything again.
/// </summary>
public sealed class EmbeddedIndexSynchronizer(
    NpgsqlDataSource dataSource,
    EmbeddedSearchIndex index,
    IOptions<IndexOptions> options,
    TimeProvider time,
    ILogger<EmbeddedIndexSynchronizer> logger) : BackgroundService, IIndexVersion
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly ChangeLogPosition _applied = new();
    private readonly IndexProjection _projection = new(dataSource, index, logger);

    /// <summary>True once the initial load is done; until then searches would miss documents.</summary>
    public bool IsLoaded => _loaded.Task.IsCompleted;

    public long AppliedSequence => _applied.Current ?? -1;

    long? IIndexVersion.Current => _applied.Current;

    bool IIndexVersion.IsReady => IsLoaded;

    /// <summary>
    /// Catches up now rather than at the next notification, so a handler that just committed a
    /// change can answer only once this instance reflects it.
    /// </summary>
    public async Task<bool> WaitForAsync(long sequence, CancellationToken cancellationToken)
    {
        if (AppliedSequence >= sequence)
        {
            return true;
        }
        using var timer = new CancellationTokenSource(options.Value.ReadYourWriteTimeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await WaitUntilLoadedAsync(deadline.Token);
            await _catchUp.WaitAsync(deadline.Token);
            try
            {
                if (AppliedSequence < sequence)
                {
                    await CatchUpAsync(deadline.Token);
                }
            }
            finally
            {
                _catchUp.Release();
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or NpgsqlException)
        {
            // Out of time, or PostgreSQL unreachable: the answer says the change is pending, the loop keeps trying.
            logger.LogDebug(ex, "Change {Sequence} not applied within the read-your-write timeout", sequence);
        }
        return AppliedSequence >= sequence;
    }

    public Task WaitUntilLoadedAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        NotificationLoop.RunAsync(dataSource, NotificationChannels.IndexChanges, PollInterval, async token =>
        {
            if (!IsLoaded)
            {
                await LoadAllAsync(token);
            }
            await _catchUp.WaitAsync(token);
            try
            {
                await CatchUpAsync(token);
            }
            finally
            {
                _catchUp.Release();
            }
        }, time, logger, stoppingToken);

    private async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for both reads: the chunks are exactly those the sequence number stands for.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var sequence = await IndexChangeLog.LatestAsync(connection, transaction, cancellationToken);
        var chunks = await ChunkReader.ReadAsync(connection, transaction, documentIds: null, cancellationToken);
        index.Load(chunks);
        await transaction.CommitAsync(cancellationToken);

        _applied.Advance(sequence);
        _loaded.TrySetResult();
        logger.LogInformation("Loaded {Chunks} chunks into the embedded index in {Elapsed} ms (change log at {Sequence})",
            chunks.Count, stopwatch.ElapsedMilliseconds, sequence);
    }

    private Task CatchUpAsync(CancellationToken cancellationToken) =>
        _projection.CatchUpAsync(AppliedSequence, (sequence, _) =>
        {
            _applied.Advance(sequence);
            return Task.CompletedTask;
        }, cancellationToken);
}
