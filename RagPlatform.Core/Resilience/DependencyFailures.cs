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
}
