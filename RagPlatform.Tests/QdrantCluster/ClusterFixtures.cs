namespace RagPlatform.Tests.QdrantCluster;

/// <summary>
/// Answers of Qdrant's REST API in the shapes its documentation gives (the distributed-deployment guide's
/// <c>GET /cluster</c> example; the API reference's <c>CollectionClusterInfo</c>: local_shards, remote_shards,
/// shard_transfers), for a three-node cluster with peers 101, 202 and 303 and a collection of three shards.
/// </summary>
internal static class ClusterFixtures
{
    public static string Cluster(params ulong[] peers) => Cluster(peers, sendFailures: "{}");

    public static string Cluster(ulong[] peers, string sendFailures) => $$"""
        {
          "result": {
            "status": "enabled",
            "peer_id": {{peers[0]}},
            "peers": { {{string.Join(", ", peers.Select(p => $$"""
                "{{p}}": { "uri": "http://qdrant{{p / 101 - 1}}:6335/" }
                """))}} },
            "raft_info": { "term": 2, "commit": 41, "pending_operations": 0, "leader": {{peers[0]}}, "role": "Leader", "is_voter": true },
            "consensus_thread_status": { "consensus_thread_status": "working", "last_update": "2026-12-06T04:00:00.000000Z" },
            "message_send_failures": {{sendFailures}}
          },
          "status": "ok",
          "time": 5.731e-06
        }
        """;

    /// <summary>Peer 303 unreachable, as <c>message_send_failures</c> reports a peer messages cannot reach.</summary>
    public const string Peer303Unreachable = """
        { "http://qdrant2:6335/": { "count": 12, "latest_error": "Error in closure supplied to transport channel pool: status: Unavailable, message: \"Failed to connect to http://qdrant2:6335/\"", "latest_error_timestamp": "2026-12-06T04:00:05.000000Z" } }
        """;

    /// <summary>
    /// Shards 0, 1, 2 seen from peer 101: shard 0 on 101 and 202, shard 1 on 202 and 303, shard 2 on 303 and 101.
    /// <paramref name="states"/> overrides a replica's state, keyed "shard/peer"; <paramref name="transfers"/> is the
    /// shard_transfers array.
    /// </summary>
    public static string CollectionCluster(IReadOnlyDictionary<string, string>? states = null, string transfers = "[]")
    {
        string State(int shard, int peer) => states?.GetValueOrDefault($"{shard}/{peer}") ?? "Active";
        return $$"""
            {
              "result": {
                "peer_id": 101,
                "shard_count": 3,
                "local_shards": [
                  { "shard_id": 0, "points_count": 1210, "state": "{{State(0, 101)}}" },
                  { "shard_id": 2, "points_count": 1187, "state": "{{State(2, 101)}}" }
                ],
                "remote_shards": [
                  { "shard_id": 0, "peer_id": 202, "state": "{{State(0, 202)}}" },
                  { "shard_id": 1, "peer_id": 202, "state": "{{State(1, 202)}}" },
                  { "shard_id": 1, "peer_id": 303, "state": "{{State(1, 303)}}" },
                  { "shard_id": 2, "peer_id": 303, "state": "{{State(2, 303)}}" }
                ],
                "shard_transfers": {{transfers}}
              },
              "status": "ok",
              "time": 0.000052
            }
            """;
    }
}
