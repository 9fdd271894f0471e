using Qdrant.Client;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// Hands each Qdrant test its own collection named after this run, and deletes them all when the class is
/// done, so runs never see each other's points. Connects only when a test asks: skipped tests touch nothing.
/// </summary>
public sealed class QdrantTestCollections : IAsyncLifetime
{
    private readonly string _run = $"ragtest_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid():N}"[..40];
    private readonly List<string> _created = [];
    private QdrantClient? _client;

    public async Task<QdrantSearchIndex> CreateIndexAsync(int dimension)
    {
        _client ??= new QdrantClient(new Uri(QdrantServer.Endpoint!.Split(',')[0].Trim()), QdrantServer.ApiKey);
        string name;
        lock (_created)
        {
            name = $"{_run}_{_created.Count}";
            _created.Add(name);
        }

        // Every node of QDRANT_ENDPOINT (a comma-separated list), with the replication and shards their count implies.
        var options = new QdrantIndexOptions { CollectionName = name, Dimension = dimension, Endpoints = QdrantServer.Endpoint, ApiKey = QdrantServer.ApiKey };
        var index = new QdrantSearchIndex(options);
        await index.EnsureCollectionAsync();
        return index;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_client is null)
        {
            return;
        }

        foreach (var name in _created)
        {
            await _client.DeleteCollectionAsync(name);
        }

        _client.Dispose();
    }
}
