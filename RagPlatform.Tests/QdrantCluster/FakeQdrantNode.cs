using System.Collections.Concurrent;
using Grpc.Core;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace RagPlatform.Tests.QdrantCluster;

/// <summary>
/// One Qdrant node faked at the gRPC client's transport boundary (its <see cref="CallInvoker"/>): it answers upserts,
/// deletes, queries and health checks from points shared by the whole fake cluster, as a replicated cluster would, and
/// while <see cref="Down"/> fails every call with <c>Unavailable</c>, as a refused connection does.
/// </summary>
internal sealed class FakeQdrantNode(string name, ulong peerId, ConcurrentDictionary<Guid, PointStruct> points, FakeCollectionLayout layout) : CallInvoker
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public string Name { get; } = name;

    public ulong PeerId { get; } = peerId;

    public volatile bool Down;

    /// <summary>Accepts calls and never answers them, as a node stuck in a long pause: only the caller's deadline ends them.</summary>
    public volatile bool Hangs;

    public Uri Endpoint => new($"http://{Name}:6334");

    /// <summary>Calls this node answered, by method name (Upsert, Query, Delete, HealthCheck...).</summary>
    public int Served(string method) => _calls.GetValueOrDefault(method);

    public int ServedData => Served("Upsert") + Served("Query") + Served("Delete");

    public QdrantClient CreateClient() => new(new QdrantGrpcClient(this));

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var response = Down
            ? Task.FromException<TResponse>(new RpcException(new Status(StatusCode.Unavailable, $"{Name}: connection refused")))
            : Hangs ? HangAsync<TResponse>(options.CancellationToken)
            : Task.FromResult((TResponse)Answer(method.Name, request!));
        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    private object Answer(string method, object request)
    {
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        switch (request)
        {
            case UpsertPoints upsert:
                foreach (var point in upsert.Points)
                {
                    points[Guid.Parse(point.Id.Uuid)] = point;
                }
                return Completed();
            case DeletePoints:
                return Completed();
            case QueryPoints query:
                var response = new QueryResponse();
                response.Result.AddRange(points.Values.Take((int)query.Limit).Select(p => new ScoredPoint { Id = p.Id, Score = 0.1f, Payload = { p.Payload } }));
                return response;
            case HealthCheckRequest:
                return new HealthCheckReply { Title = "qdrant - vector search engine", Version = "1.20.0" };
            case GetCollectionInfoRequest:
                return new GetCollectionInfoResponse
                {
                    Result = new CollectionInfo { Config = new CollectionConfig { Params = new CollectionParams { ReplicationFactor = layout.ReplicationFactor } } },
                };
            case UpdateCollection update:
                layout.ReplicationFactor = update.Params.ReplicationFactor;
                return new CollectionOperationResponse { Result = true };
            case CollectionClusterInfoRequest:
                return layout.ViewFrom(PeerId);
            case UpdateCollectionClusterSetupRequest setup:
                layout.Replicate(setup.ReplicateShard);
                return new UpdateCollectionClusterSetupResponse { Result = true };
            default:
                throw new RpcException(new Status(StatusCode.Unimplemented, $"The fake node does not answer {method}"));
        }
    }

    private static async Task<TResponse> HangAsync<TResponse>(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // What Grpc.Net.Client throws when the call's token is cancelled.
        }
        throw new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client."));
    }

    private static PointsOperationResponse Completed() => new() { Result = new UpdateResult { Status = UpdateStatus.Completed } };

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
}
