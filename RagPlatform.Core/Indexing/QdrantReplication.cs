using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;

namespace RagPlatform.Core.Indexing;

/// <summary>One shard copy to create: <see cref="ShardId"/> copied from <see cref="FromPeer"/> to <see cref="ToPeer"/>.</summary>
public sealed record ShardReplication(uint ShardId, ulong FromPeer, ulong ToPeer);

/// <summary>
/// Brings an existing collection up to the configured replication factor. Qdrant applies a raised factor only to
/// shards created afterwards, so raising it is two steps, as its distributed-deployment guide says: update the
/// collection's parameter, then replicate each shard that has too few copies onto peers that lack it.
/// </summary>
public static class QdrantReplication
{
    /// <summary>
    /// The copies to make so every shard has <paramref name="replicationFactor"/> of them, each onto the peer that
    /// holds the fewest replicas yet (ties go round the ring of peers). A replica in any state counts (a Dead one comes back with its node), and a shard
    /// already being transferred is left alone: its transfer is the copy.
    /// </summary>
    public static IReadOnlyList<ShardReplication> Plan(QdrantCollectionLayout layout, IReadOnlyCollection<ulong> peers, uint replicationFactor)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(peers);
        var load = peers.ToDictionary(p => p, p => layout.Replicas.Count(r => r.PeerId == p));
        var ring = peers.Order().ToList();
        var plan = new List<ShardReplication>();
        foreach (var shard in layout.Shards.Where(s => !layout.TransferringShards.Contains(s)))
        {
            var replicas = layout.ReplicasOf(shard).ToList();
            var source = replicas.FirstOrDefault(r => r.IsActive);
            if (source is null)
            {
                continue; // nothing to copy from: the health check reports this shard
            }

            var holders = replicas.Select(r => r.PeerId).ToHashSet();
            var missing = (int)replicationFactor - holders.Count;
            // Among equally loaded peers, the next one after the source in peer order, so copies go round the ring.
            var after = Math.Max(0, ring.IndexOf(source.PeerId));
            var targets = load.Where(p => !holders.Contains(p.Key))
                .OrderBy(p => p.Value).ThenBy(p => (ring.IndexOf(p.Key) - after + ring.Count) % ring.Count)
                .Take(Math.Max(0, missing)).ToList();
            foreach (var target in targets)
            {
                plan.Add(new ShardReplication(shard, source.PeerId, target.Key));
                load[target.Key]++;
            }
        }

        return plan;
    }

    /// <summary>
    /// Raises the collection's replication factor when it is below <paramref name="target"/>, then starts the missing
    /// copies. Reads go to every node (each reports its own peer id); each replication request is sent once, to one
    /// node: it is not idempotent (a repeat starts a second transfer or fails), so a failure is logged and left to the
    /// next start, which reads the layout again before asking for anything.
    /// </summary>
    public static async Task RaiseAsync(QdrantSearchIndex index, QdrantNodePool nodes, string collection, uint target, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(logger);
        var current = await index.GetReplicationFactorAsync(cancellationToken);
        if (current < target)
        {
            logger.LogWarning("Collection {Collection} has replication factor {Current}; raising it to {Target}", collection, current, target);
            await index.SetReplicationFactorAsync(target, cancellationToken);
        }

        var views = new List<(QdrantNode Node, CollectionClusterInfoResponse Info)>();
        foreach (var node in nodes.Nodes.Where(n => n.IsUp))
        {
            try
            {
                views.Add((node, await node.Client.GetCollectionClusterSetupInfoAsync(collection, cancellationToken)));
            }
            catch (Grpc.Core.RpcException ex)
            {
                logger.LogWarning(ex, "Qdrant node {Node} did not report its shards of {Collection}", node, collection);
            }
        }

        if (views.Count == 0)
        {
            return;
        }

        var layout = QdrantCollectionLayout.FromGrpc(collection, views[0].Info);
        var plan = Plan(layout, [.. views.Select(v => v.Info.PeerId).Distinct()], target);
        foreach (var copy in plan)
        {
            try
            {
                await views[0].Node.Client.UpdateCollectionClusterSetupAsync(new UpdateCollectionClusterSetupRequest
                {
                    CollectionName = collection,
                    ReplicateShard = new ReplicateShard { ShardId = copy.ShardId, FromPeerId = copy.FromPeer, ToPeerId = copy.ToPeer },
                }, cancellationToken: cancellationToken);
                logger.LogInformation("Replicating shard {Shard} of {Collection} from peer {From} to peer {To}", copy.ShardId, collection, copy.FromPeer, copy.ToPeer);
            }
            catch (Grpc.Core.RpcException ex)
            {
                logger.LogWarning(ex, "Could not start replicating shard {Shard} of {Collection} to peer {To}; the next start tries again", copy.ShardId, collection, copy.ToPeer);
            }
        }
    }
}
