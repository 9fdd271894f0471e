using Npgsql;
using Polly;
using Polly.Retry;

namespace RagPlatform.Core.Storage;

/// <summary>
/// PostgreSQL as requests (and health probes) reach it: through the <c>postgres</c> pipeline, so a server that refuses
/// or does not answer costs a caller the pipeline's timeout (2 s) instead of Npgsql's 15 s connect timeout, an open
/// breaker fails it at once, and every failure counts toward opening the breaker. The API's
/// DependencyUnavailableExceptionHandler turns each of those into 503 with Retry-After. Request handlers are given
/// this, never the NpgsqlDataSource, so none can bypass it.
/// </summary>
public sealed class GuardedDatabase(NpgsqlDataSource dataSource, ResiliencePipeline pipeline)
{
    /// <summary>
    /// The same calls straight to the data source, for the worker's loops: they are off the request path, wait out an
    /// outage and retry on their own (a lease brings back whatever they held), so a breaker and a 2 s bound would only
    /// change which exception they log.
    /// </summary>
    public static GuardedDatabase Unguarded(NpgsqlDataSource dataSource) => new(dataSource, ResiliencePipeline.Empty);

    /// <summary>
    /// A connection whose opening is guarded, for a transaction that writes or a read that may rightly take longer than
    /// the timeout: its statements are neither cut short by the timeout nor repeated by this pipeline (only
    /// <see cref="WriteAsync{T}"/> repeats a transaction, and only one PostgreSQL aborted).
    /// </summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(
            async token => await AbandonWhenCancelled(dataSource.OpenConnectionAsync(token).AsTask(), connection => connection.Dispose(), token),
            cancellationToken);

    /// <summary>
    /// A write transaction, run again from the start when PostgreSQL aborted it to break a deadlock or a serialization
    /// conflict (40P01, 40001): what PostgreSQL asks of its clients for these, since the aborted transaction changed
    /// nothing. A user's delete or replace racing the worker that is indexing the same document takes locks in the
    /// other order; without this the loser's request was a 503. <paramref name="write"/> commits or rolls back itself
    /// and must do nothing outside the transaction (NOTIFY is transactional).
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<NpgsqlTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        await ConflictRetry.ExecuteAsync(async token =>
        {
            await using var connection = await OpenConnectionAsync(token);
            await using var transaction = await connection.BeginTransactionAsync(token);
            return await write(transaction, token);
        }, cancellationToken);

    private static readonly ResiliencePipeline ConflictRetry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
    {
        ShouldHandle = new PredicateBuilder().Handle<PostgresException>(ex =>
            ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure),
        MaxRetryAttempts = 3,
        BackoffType = DelayBackoffType.Exponential,
        Delay = TimeSpan.FromMilliseconds(20),
        UseJitter = true,
    }).Build();

    /// <summary>
    /// A short read, opening and querying both within the timeout: a pooled connection to a server that has stopped
    /// answering is cut short too, not left to Npgsql's 30 s command timeout.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(async token => await AbandonWhenCancelled(ReadCoreAsync(read, token), null, token), cancellationToken);

    private async Task<T> ReadCoreAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await read(connection, cancellationToken);
    }

    /// <summary>
    /// Npgsql does not always stop when cancelled: opening a connection to a server that accepted it and then says
    /// nothing runs until Npgsql's own connect timeout, and the pipeline's timeout waits for it. So the caller stops
    /// waiting when <paramref name="token"/> is cancelled, and whatever the abandoned work later yields is cleaned up.
    /// </summary>
    private static async Task<T> AbandonWhenCancelled<T>(Task<T> work, Action<T>? cleanUp, CancellationToken token)
    {
        try
        {
            return await work.WaitAsync(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _ = work.ContinueWith(static (abandoned, cleanUp) =>
            {
                if (abandoned.IsCompletedSuccessfully)
                {
                    ((Action<T>?)cleanUp)?.Invoke(abandoned.Result);
                }
                else
                {
                    // Observed, so it is not reported as unobserved: the caller already has its answer.
                    _ = abandoned.Exception;
                }
            }, cleanUp, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }
}
