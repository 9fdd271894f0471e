using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The Qdrant settings that only make sense together, checked at start so a bad cluster layout fails the host with a
/// message naming the keys instead of surfacing later as a half-replicated collection: write consistency ≤ replication
/// factor ≤ nodes (a copy per node at most, and a write cannot wait for more copies than exist), shards ≥ nodes
/// (otherwise some node holds no data and adds nothing but a failure point).
/// </summary>
public sealed class QdrantIndexOptionsValidator : IValidateOptions<QdrantIndexOptions>
{
    public ValidateOptionsResult Validate(string? name, QdrantIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var bad in QdrantIndexOptions.InvalidEntries(options.Endpoints))
        {
            failures.Add($"Qdrant:Endpoints has '{bad}', which is not an absolute http(s) URI.");
        }
        foreach (var bad in QdrantIndexOptions.InvalidEntries(options.HttpEndpoints))
        {
            failures.Add($"Qdrant:HttpEndpoints has '{bad}', which is not an absolute http(s) URI.");
        }

        var nodes = options.GrpcNodes.Count;
        if (nodes == 0)
        {
            failures.Add("Qdrant:Endpoints (or Qdrant:Endpoint) must name at least one node's gRPC endpoint, e.g. http://qdrant0:6334.");
            return ValidateOptionsResult.Fail(failures);
        }

        if (options.HttpEndpoints is { Length: > 0 } && options.HttpNodes.Count != nodes)
        {
            failures.Add($"Qdrant:HttpEndpoints names {options.HttpNodes.Count} nodes but Qdrant:Endpoints names {nodes}: give one REST endpoint per node.");
        }

        var replication = options.EffectiveReplicationFactor;
        if (replication > nodes)
        {
            failures.Add($"Qdrant:ReplicationFactor is {replication} but the cluster has {nodes} node(s) (Qdrant:Endpoints): a node holds at most one copy of a shard, so use at most {nodes}.");
        }
        if (options.WriteConsistencyFactor > replication)
        {
            failures.Add($"Qdrant:WriteConsistencyFactor is {options.WriteConsistencyFactor} but Qdrant:ReplicationFactor is {replication}: a write cannot wait for more copies than exist.");
        }
        if (options.EffectiveShardNumber < nodes)
        {
            failures.Add($"Qdrant:ShardNumber is {options.EffectiveShardNumber} but the cluster has {nodes} nodes: use at least {nodes} so every node carries data.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
