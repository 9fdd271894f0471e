using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Every node of a Qdrant cluster behind one call site. Any node answers any request (Qdrant routes it to the
/// shards' replicas), so calls are spread round-robin over the nodes that are up. A call that fails with
/// <c>Unavailable</c> or <c>DeadlineExceeded</c>, or that runs out its attempt's time, marks its node down and, when
/// the call is idempotent, goes to the next node at once, inside the same attempt of the caller's pipeline. A down
/// node takes no traffic; a probe (a gRPC health check every <see cref="QdrantIndexOptions.ProbeInterval"/> on the
/// injected clock) brings it back as soon as it answers.
/// </summary>
public sealed class QdrantNodePool : IDisposable
{
    private readonly IReadOnlyList<QdrantNode> _nodes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _probe;
    private int _next = -1;
    private int _probing;

    public QdrantNodePool(IReadOnlyList<QdrantNode> nodes, TimeSpan probeInterval, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentOutOfRangeException.ThrowIfZero(nodes.Count);
        (_nodes, _time, _logger) = (nodes, time ?? TimeProvider.System, logger ?? NullLogger.Instance);
        _probe = _time.CreateTimer(_ => _ = ProbeDownNodesAsync(), null, probeInterval, probeInterval);
    }

    /// <summary>A pool of one client per endpoint of <paramref name="options"/>.</summary>
    public static QdrantNodePool Create(QdrantIndexOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new QdrantNodePool([.. options.GrpcNodes.Select(uri => new QdrantNode(uri, new QdrantClient(uri, options.ApiKey)))],
            options.ProbeInterval, time, logger);
    }

    public IReadOnlyList<QdrantNode> Nodes => _nodes;

    /// <summary>
    /// Runs <paramref name="call"/> on the next node that is up, and on the following ones while it fails with
    /// <c>Unavailable</c> or <c>DeadlineExceeded</c>, if <paramref name="idempotent"/>. A call that is not idempotent
    /// runs on one node only: when its node fails the outcome is unknown, and the caller must read the state before
    /// deciding to try again. With every node down the call goes to all of them anyway (a probe may not have run yet).
    /// <paramref name="attempt"/> is the pipeline attempt's token; when it runs out but <paramref name="caller"/> did not,
    /// the node hung and is marked down, so the pipeline's retry goes elsewhere.
    /// </summary>
    public async Task<T> CallAsync<T>(Func<QdrantClient, CancellationToken, Task<T>> call, bool idempotent,
        CancellationToken attempt, CancellationToken caller = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var order = Order();
        RpcException? last = null;
        foreach (var node in idempotent ? order : order.Take(1))
        {
            try
            {
                return await call(node.Client, attempt);
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                MarkDown(node, ex);
                last = ex;
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled }
                && attempt.IsCancellationRequested && !caller.IsCancellationRequested)
            {
                MarkDown(node, ex);
                // The gRPC client reports its token's cancellation as RpcException(Cancelled), which the pipeline's timeout
                // would pass on as is (neither a timeout nor retried); as an OperationCanceledException on the attempt's
                // token it becomes the pipeline's TimeoutRejectedException, retried on the next node.
                throw new OperationCanceledException($"Qdrant node {node} did not answer within the attempt's time", ex, attempt);
            }
        }

        throw last!;
    }

    /// <summary>The nodes that are up, starting from the next in turn, then those that are down.</summary>
    private List<QdrantNode> Order()
    {
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)_nodes.Count);
        var rotated = _nodes.Skip(start).Concat(_nodes.Take(start)).ToList();
        return [.. rotated.Where(n => n.IsUp), .. rotated.Where(n => !n.IsUp)];
    }

    private void MarkDown(QdrantNode node, Exception ex)
    {
        if (node.MarkDown(_time.GetUtcNow()))
        {
            _logger.LogWarning(ex, "Qdrant node {Node} marked down; its traffic goes to the other nodes until it answers a probe", node);
        }
    }

    /// <summary>Asks every down node for its health; one that answers takes traffic again.</summary>
    public async Task ProbeDownNodesAsync()
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var node in _nodes.Where(n => !n.IsUp))
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await node.Client.HealthAsync(timeout.Token);
                    if (node.MarkUp())
                    {
                        _logger.LogInformation("Qdrant node {Node} answers again and takes traffic", node);
                    }
                }
                catch (Exception ex) when (ex is RpcException or OperationCanceledException)
                {
                    _logger.LogDebug(ex, "Qdrant node {Node} still down", node);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    public void Dispose()
    {
        _probe.Dispose();
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }
}
