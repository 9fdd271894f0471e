using Npgsql;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;

namespace RagPlatform.Worker.Projections;

/// <summary>
/// Projects the index change log into an external index (Qdrant): the only writer of that index. It lives in the
/// worker because the worker already scales out, holds the Qdrant client and its <c>qdrant</c> pipeline, and has no
/// request latency to protect; exactly one worker projects at a time: the one holding a session advisory lock, which
/// PostgreSQL releases when that worker's connection dies, so a standby takes over within its poll interval. The
/// checkpoint (index_projections) is written on the lock's own connection, so a projector that lost the lock cannot
/// record anything, and it only moves forward. A failed batch (Qdrant down, its breaker open) is not recorded and is
/// applied again from its start after a backoff: at least once, in order, converging on PostgreSQL.
/// </summary>
public sealed class IndexProjector(
    NpgsqlDataSource dataSource,
    ISearchIndex index,
    TimeProvider time,
    ILogger<IndexProjector> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MinRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private readonly IndexProjection _projection = new(dataSource, index, logger);
    private readonly ChangeLogPosition _applied = new();
    private TimeSpan _retryDelay = MinRetryDelay;

    /// <summary>The checkpoint's name in index_projections.</summary>
    public string Name { get; init; } = ProjectionCheckpoints.Qdrant;

    /// <summary>The checkpoint as this projector last read or recorded it; null until it first became the active one.</summary>
    public long? AppliedSequence => _applied.Current;

    /// <summary>True while this instance holds the projection's lock.</summary>
    public bool IsActive { get; private set; }

    /// <summary>"RAGP" and a stable hash of the name: one lock per projection, the same in every worker process.</summary>
    private long LockKey
    {
        get
        {
            var hash = 2166136261u; // FNV-1a: string.GetHashCode differs between processes
            foreach (var c in Name)
            {
                hash = (hash ^ c) * 16777619u;
            }
            return 0x5241_4750_0000_0000 | hash;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunWhileActiveAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The {Projection} projection failed after change {Sequence}; retrying in {Delay}", Name, _applied.Current, _retryDelay);
                await Task.Delay(_retryDelay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                // Doubling while the outage lasts; a successful catch-up starts over from the minimum.
                _retryDelay = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
            }
            finally
            {
                IsActive = false;
            }
        }
    }

    /// <summary>Takes the lock (or waits as a standby), then follows the log until the connection or the index fails.</summary>
    private async Task RunWhileActiveAsync(CancellationToken stoppingToken)
    {
        await using var session = await dataSource.OpenConnectionAsync(stoppingToken);
        var woken = false;
        session.Notification += (_, _) => woken = true;
        await using (var listen = new NpgsqlCommand($"LISTEN {NotificationChannels.IndexChanges}", session))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        while (!await TryLockAsync(session, stoppingToken))
        {
            await Task.Delay(PollInterval, time, stoppingToken);
        }
        IsActive = true;
        try
        {
            var applied = await ProjectionCheckpoints.ReadAsync(session, Name, stoppingToken);
            _applied.Advance(applied);
            logger.LogInformation("Projecting the index change log into {Projection} from change {Sequence}", Name, applied);

            while (!stoppingToken.IsCancellationRequested)
            {
                woken = false;
                applied = await _projection.CatchUpAsync(applied, async (sequence, token) =>
                {
                    await ProjectionCheckpoints.AdvanceAsync(session, Name, sequence, time.GetUtcNow(), token);
                    _applied.Advance(sequence);
                }, stoppingToken);
                _retryDelay = MinRetryDelay;
                // A notification that arrived during the catch-up was consumed by its commands: go round again at once.
                if (!woken)
                {
                    await session.WaitAsync(PollInterval, stoppingToken);
                }
            }
        }
        finally
        {
            await UnlockAsync(session);
        }
    }

    /// <summary>
    /// Gives the lock up on a stop or an index failure. Closing the connection is not enough: it goes back to the pool
    /// holding the lock until reused. A broken connection cannot answer, and needs not to: the server drops its locks.
    /// </summary>
    private async Task UnlockAsync(NpgsqlConnection session)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", session);
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            logger.LogDebug(ex, "The {Projection} projection's lock goes with its connection", Name);
        }
    }

    private async Task<bool> TryLockAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", session);
        command.Parameters.AddWithValue("key", LockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
