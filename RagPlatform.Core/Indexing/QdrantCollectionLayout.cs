using Qdrant.Client.Grpc;

namespace RagPlatform.Core.Indexing;

/// <summary>One copy of a shard on one peer, in Qdrant's replica state (Active, Dead, Partial, Initializing...).</summary>
public sealed record QdrantShardReplica(uint ShardId, ulong PeerId, string State)
{
    public const string Active = "Active";

    public bool IsActive => string.Equals(State, Active, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Where a collection's shards live, as one node reports it (its local shards and the remote ones it knows).</summary>
public sealed record QdrantCollectionLayout(string Collection, uint ShardCount, IReadOnlyList<QdrantShardReplica> Replicas, IReadOnlyList<uint> TransferringShards)
{
    public static QdrantCollectionLayout FromGrpc(string collection, CollectionClusterInfoResponse info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var replicas = info.LocalShards.Select(s => new QdrantShardReplica(s.ShardId, info.PeerId, s.State.ToString()))
            .Concat(info.RemoteShards.Select(s => new QdrantShardReplica(s.ShardId, s.PeerId, s.State.ToString())))
            .ToList();
        return new QdrantCollectionLayout(collection, (uint)info.ShardCount, replicas, [.. info.ShardTransfers.Select(t => t.ShardId)]);
    }

    public IEnumerable<uint> Shards => Enumerable.Range(0, (int)ShardCount).Select(i => (uint)i);

    public IEnumerable<QdrantShardReplica> ReplicasOf(uint shard) => Replicas.Where(r => r.ShardId == shard);
}
