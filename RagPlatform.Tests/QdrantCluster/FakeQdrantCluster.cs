using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Qdrant.Client.Grpc;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.QdrantCluster;

/// <summary>Three fake nodes sharing their points, behind the platform's own node pool and index, on a fake clock.</summary>
internal sealed class FakeQdrantCluster : IDisposable
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, PointStruct> _points = new();

    public FakeQdrantCluster(int nodes = 3)
    {
        Nodes = [.. Enumerable.Range(0, nodes).Select(i => new FakeQdrantNode($"qdrant{i}", 101ul * (ulong)(i + 1), _points, Layout))];
        Pool = new QdrantNodePool([.. Nodes.Select(n => new QdrantNode(n.Endpoint, n.CreateClient()))], ProbeInterval, Time);
        Index = new QdrantSearchIndex(Pool, new QdrantIndexOptions { Endpoints = string.Join(",", Nodes.Select(n => n.Endpoint)), Dimension = Indexing.TestChunks.Dimension });
    }

    public FakeTimeProvider Time { get; } = new();

    /// <summary>A collection of three shards with one copy each, shard i on node i, as created with replication factor 1.</summary>
    public FakeCollectionLayout Layout { get; } = new();

    public IReadOnlyList<FakeQdrantNode> Nodes { get; }

    public QdrantNodePool Pool { get; }

    public QdrantSearchIndex Index { get; }

    public int PointCount => _points.Count;

    /// <summary>Moves the fake clock to the next probe; its timer fires on Advance, and the fake nodes answer at once.</summary>
    public void AdvanceToNextProbe() => Time.Advance(ProbeInterval);

    public void Dispose()
    {
        Index.Dispose();
        Pool.Dispose();
    }
}
