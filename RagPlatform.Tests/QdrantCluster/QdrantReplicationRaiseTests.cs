using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.QdrantCluster;

public sealed class QdrantReplicationRaiseTests : IDisposable
{
    private readonly FakeQdrantCluster _cluster = new();

    private Task RaiseToTwoAsync() =>
        QdrantReplication.RaiseAsync(_cluster.Index, _cluster.Pool, "chunks", target: 2, NullLogger.Instance, CancellationToken.None);

    [Fact]
    public async Task ACollectionCreatedWithOneCopyIsRaisedToTwoOnEveryShard()
    {
        await RaiseToTwoAsync();

        Assert.Equal(2u, _cluster.Layout.ReplicationFactor);
        Assert.Equal(3, _cluster.Layout.Requested.Count);
        foreach (var shard in new uint[] { 0, 1, 2 })
        {
            Assert.Equal(2, _cluster.Layout.HoldersOf(shard).Distinct().Count());
        }
    }

    [Fact]
    public async Task ACollectionAlreadyAtItsReplicationAsksForNothingMore()
    {
        await RaiseToTwoAsync();

        await RaiseToTwoAsync();

        Assert.Equal(3, _cluster.Layout.Requested.Count);
    }

    public void Dispose() => _cluster.Dispose();
}
