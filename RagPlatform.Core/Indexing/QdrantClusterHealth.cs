using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Judges a Qdrant cluster from what its REST API reports. Unhealthy when some shard has no Active replica (part of
/// the collection can be neither searched nor written); Degraded when it still serves everything but has lost
/// redundancy or is busy repairing it: fewer peers than configured nodes, a peer messages cannot reach, a replica
/// that is not Active (Dead, Partial, recovering), or a shard transfer under way.
/// </summary>
public static class QdrantClusterHealth
{
    public static HealthCheckResult Evaluate(QdrantClusterStatus cluster, IReadOnlyList<QdrantCollectionLayout> collections, int expectedNodes)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(collections);
        var unhealthy = new List<string>();
        var degraded = new List<string>();

        if (!cluster.Enabled && expectedNodes > 1)
        {
            degraded.Add($"cluster mode is disabled but {expectedNodes} nodes are configured");
        }
        else if (cluster.Enabled && cluster.Peers.Count < expectedNodes)
        {
            degraded.Add($"{cluster.Peers.Count} of {expectedNodes} peers in the cluster");
        }
        foreach (var (peer, error) in cluster.SendFailures)
        {
            degraded.Add($"peer {peer} unreachable ({error})");
        }

        foreach (var layout in collections)
        {
            foreach (var shard in layout.Shards)
            {
                var replicas = layout.ReplicasOf(shard).ToList();
                if (!replicas.Any(r => r.IsActive))
                {
                    unhealthy.Add($"{layout.Collection} shard {shard} has no active replica");
                }
                foreach (var replica in replicas.Where(r => !r.IsActive))
                {
                    degraded.Add($"{layout.Collection} shard {shard} replica on peer {replica.PeerId} is {replica.State}");
                }
            }
            foreach (var shard in layout.TransferringShards.Distinct())
            {
                degraded.Add($"{layout.Collection} shard {shard} is being transferred");
            }
        }

        var data = new Dictionary<string, object> { ["peers"] = cluster.Peers.Count, ["expectedNodes"] = expectedNodes };
        if (unhealthy.Count > 0)
        {
            return HealthCheckResult.Unhealthy(string.Join("; ", unhealthy.Concat(degraded)), data: data);
        }
        return degraded.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", degraded), data: data)
            : HealthCheckResult.Healthy($"{cluster.Peers.Count} peers; every shard of {string.Join(", ", collections.Select(c => c.Collection))} fully replicated and active", data);
    }
}
