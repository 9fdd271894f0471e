using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.QdrantCluster;

public sealed class QdrantReplicationTests
{
    private static readonly ulong[] Peers = [101, 202, 303];

    /// <summary>A collection created with one copy per shard: shard i on peer Peers[i].</summary>
    private static QdrantCollectionLayout SingleCopies(IReadOnlyList<uint>? transferring = null, string state = QdrantShardReplica.Active) =>
        new("chunks", 3, [.. Peers.Select((peer, i) => new QdrantShardReplica((uint)i, peer, i == 1 ? state : QdrantShardReplica.Active))], transferring ?? []);

    [Fact]
    public void RaisingToTwoCopiesAddsOneReplicaPerShardOnAPeerThatLacksIt()
    {
        var plan = QdrantReplication.Plan(SingleCopies(), Peers, replicationFactor: 2);

        Assert.Equal(3, plan.Count);
        Assert.All(plan, copy => Assert.Equal(Peers[copy.ShardId], copy.FromPeer));
        Assert.All(plan, copy => Assert.NotEqual(copy.FromPeer, copy.ToPeer));
        // Spread: every peer receives one new replica.
        Assert.Equal(Peers, plan.Select(c => c.ToPeer).Order());
    }

    [Fact]
    public void AFullyReplicatedCollectionNeedsNothing()
    {
        var plan = QdrantReplication.Plan(SingleCopies(), Peers, replicationFactor: 1);

        Assert.Empty(plan);
    }

    [Fact]
    public void AShardBeingTransferredOrWithoutAnActiveCopyIsLeftAlone()
    {
        Assert.DoesNotContain(QdrantReplication.Plan(SingleCopies(transferring: [1]), Peers, 2), c => c.ShardId == 1);
        Assert.DoesNotContain(QdrantReplication.Plan(SingleCopies(state: "Dead"), Peers, 2), c => c.ShardId == 1);
    }
}
