using System.Net.Sockets;
using Grpc.Core;
using Npgsql;
using Polly;
using StackExchange.Redis;

namespace RagPlatform.Core.Resilience;

/// <summary>Tells a dependency being down, slow or refusing (worth a retry later, or a fallback now) from a bug or bad input.</summary>
public static class DependencyFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        // An open breaker or a pipeline timeout.
        ExecutionRejectedException => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted
            or StatusCode.Aborted or StatusCode.Internal or StatusCode.Unknown,
        RedisException or TimeoutException or HttpRequestException or IOException or SocketException => true,
        _ => false,
    };

    /// <summary>
    /// Whether a call to Redis, a cache and counter store that every request can go without, failed (rather than
    /// its caller giving up). Anything its client throws counts, not only the connection and timeout types: while it
    /// tears down a dead socket, StackExchange.Redis 2.12.14+ can throw System.IO.Pipelines' InvalidOperationException
    /// ("Reading is not allowed after reader was completed", StackExchange.Redis#3085) from an ordinary command, and a
    /// cache's failure must never become a request's 500.
    /// </summary>
    public static bool IsCacheFailure(Exception exception, CancellationToken callerToken = default) =>
        exception is not OperationCanceledException || !callerToken.IsCancellationRequested;
}
