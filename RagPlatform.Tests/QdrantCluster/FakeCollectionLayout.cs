using Qdrant.Client.Grpc;

namespace RagPlatform.Tests.QdrantCluster;

/// <summary>
/// The fake cluster's collection metadata, shared by its nodes as Qdrant's consensus shares it: the replication factor,
/// which peer holds which shard, and the replications asked for (each completes at once).
/// </summary>
internal sealed class FakeCollectionLayout
{
    private readonly List<(uint Shard, ulong Peer)> _replicas = [(0, 101), (1, 202), (2, 303)];
    private readonly List<ReplicateShard> _requested = [];

    public uint ReplicationFactor { get; set; } = 1;

    public IReadOnlyList<ReplicateShard> Requested
    {
        get
        {
            lock (_replicas)
            {
                return [.. _requested];
            }
        }
    }

    public CollectionClusterInfoResponse ViewFrom(ulong peer)
    {
        lock (_replicas)
        {
            var view = new CollectionClusterInfoResponse { PeerId = peer, ShardCount = 3 };
            view.LocalShards.AddRange(_replicas.Where(r => r.Peer == peer).Select(r => new LocalShardInfo { ShardId = r.Shard, State = ReplicaState.Active }));
            view.RemoteShards.AddRange(_replicas.Where(r => r.Peer != peer)
                .Select(r => new RemoteShardInfo { ShardId = r.Shard, PeerId = r.Peer, State = ReplicaState.Active }));
            return view;
        }
    }

    public IReadOnlyList<ulong> HoldersOf(uint shard)
    {
        lock (_replicas)
        {
            return [.. _replicas.Where(r => r.Shard == shard).Select(r => r.Peer)];
        }
    }

    public void Replicate(ReplicateShard request)
    {
        lock (_replicas)
        {
            _requested.Add(request);
            _replicas.Add((request.ShardId, request.ToPeerId));
        }
    }
}
