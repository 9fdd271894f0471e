using System.Globalization;
using System.Text.Json;

namespace RagPlatform.Core.Indexing;

/// <summary>The peers of a cluster as <c>GET /cluster</c> reports them, with the peers messages could not reach.</summary>
public sealed record QdrantClusterStatus(bool Enabled, IReadOnlyList<ulong> Peers, IReadOnlyDictionary<string, string> SendFailures);

/// <summary>Reads Qdrant's REST answers for <c>GET /cluster</c> and <c>GET /collections/{name}/cluster</c>.</summary>
public static class QdrantClusterJson
{
    public static QdrantClusterStatus ParseCluster(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = document.RootElement.GetProperty("result");
        var enabled = result.GetProperty("status").GetString() == "enabled";
        var peers = result.TryGetProperty("peers", out var map)
            ? map.EnumerateObject().Select(p => ulong.Parse(p.Name, CultureInfo.InvariantCulture)).ToList()
            : [];
        var failures = new Dictionary<string, string>();
        if (result.TryGetProperty("message_send_failures", out var sendFailures) && sendFailures.ValueKind == JsonValueKind.Object)
        {
            foreach (var failure in sendFailures.EnumerateObject())
            {
                failures[failure.Name] = failure.Value.TryGetProperty("latest_error", out var error) ? error.GetString() ?? "" : "";
            }
        }

        return new QdrantClusterStatus(enabled, peers, failures);
    }

    public static QdrantCollectionLayout ParseCollectionCluster(string collection, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = document.RootElement.GetProperty("result");
        var self = result.GetProperty("peer_id").GetUInt64();
        var replicas = new List<QdrantShardReplica>();
        foreach (var local in result.GetProperty("local_shards").EnumerateArray())
        {
            replicas.Add(new QdrantShardReplica(local.GetProperty("shard_id").GetUInt32(), self, local.GetProperty("state").GetString() ?? ""));
        }
        foreach (var remote in result.GetProperty("remote_shards").EnumerateArray())
        {
            replicas.Add(new QdrantShardReplica(remote.GetProperty("shard_id").GetUInt32(), remote.GetProperty("peer_id").GetUInt64(),
                remote.GetProperty("state").GetString() ?? ""));
        }
        var transfers = result.TryGetProperty("shard_transfers", out var list)
            ? list.EnumerateArray().Select(t => t.GetProperty("shard_id").GetUInt32()).ToList()
            : [];
        return new QdrantCollectionLayout(collection, result.GetProperty("shard_count").GetUInt32(), replicas, transfers);
    }
}
