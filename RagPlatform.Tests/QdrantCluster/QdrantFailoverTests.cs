using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using RagPlatform.Core.Resilience;
using RagPlatform.Core.Indexing;
using RagPlatform.Tests.Indexing;

namespace RagPlatform.Tests.QdrantCluster;

public sealed class QdrantFailoverTests : IDisposable
{
    private readonly FakeQdrantCluster _cluster = new();

    private FakeQdrantNode Node0 => _cluster.Nodes[0];

    [Fact]
    public async Task WithNodeZeroDownEverySearchAndUpsertIsStillServed()
    {
        Node0.Down = true;

        for (var i = 0; i < 12; i++)
        {
            var documentId = TestChunks.NewDocumentId();
            await _cluster.Index.UpsertDocumentAsync(documentId, [TestChunks.Chunk(documentId, TestChunks.Sentences[i % 5], seed: i)]);
            var hits = await _cluster.Index.SearchAsync(new SearchRequest("castles stone walls", TestChunks.Vector(i), 5));
            Assert.NotEmpty(hits);
        }

        Assert.Equal(12, _cluster.PointCount);
        Assert.False(_cluster.Pool.Nodes[0].IsUp);
        Assert.Equal(0, Node0.ServedData);
        // The calls node 0 would have had are spread over the two others, not all sent to one.
        Assert.InRange(_cluster.Nodes[1].ServedData, 12, 24);
        Assert.InRange(_cluster.Nodes[2].ServedData, 12, 24);
    }

    [Fact]
    public async Task NodeZeroIsUsedAgainOnceItAnswersAProbe()
    {
        Node0.Down = true;
        await SearchAsync(times: 3);
        _cluster.AdvanceToNextProbe();
        Assert.False(_cluster.Pool.Nodes[0].IsUp); // still down: the probe found it down

        Node0.Down = false;
        await SearchAsync(times: 6);
        Assert.Equal(0, Node0.Served("Query")); // no traffic before a probe says it is back

        _cluster.AdvanceToNextProbe();
        Assert.True(_cluster.Pool.Nodes[0].IsUp);
        await SearchAsync(times: 6);
        Assert.Equal(2, Node0.Served("Query"));
    }

    [Fact]
    public async Task ReadsAreSpreadEvenlyAcrossHealthyNodes()
    {
        await SearchAsync(times: 30);

        Assert.All(_cluster.Nodes, node => Assert.Equal(10, node.Served("Query")));
    }

    [Fact]
    public async Task ACallThatIsNotIdempotentIsNotRepeatedOnAnotherNode()
    {
        Node0.Down = true;

        // The first call in turn goes to node 0.
        var failure = await Assert.ThrowsAsync<RpcException>(() => _cluster.Pool.CallAsync(
            (client, token) => client.HealthAsync(token), idempotent: false, CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Equal(0, _cluster.Nodes[1].Served("HealthCheck") + _cluster.Nodes[2].Served("HealthCheck"));
    }

    [Fact]
    public async Task WithEveryNodeDownTheSearchFailsAsUnavailable()
    {
        foreach (var node in _cluster.Nodes)
        {
            node.Down = true;
        }

        var failure = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(times: 1));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public async Task AHungNodeIsMarkedDownWhenItsAttemptTimesOutAndThePipelinesRetryGoesElsewhere()
    {
        Node0.Hangs = true;
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var pipeline = new ResiliencePipelineBuilder();
        ResiliencePipelines.Configure(pipeline, ResiliencePipelines.Qdrant,
            new DependencyResilienceOptions { Timeout = TimeSpan.FromMilliseconds(200), MaxRetryAttempts = 1, RetryDelay = TimeSpan.Zero },
            new CircuitBreakerMonitor(meters.GetRequiredService<IMeterFactory>(), NullLogger<CircuitBreakerMonitor>.Instance));
        using var index = new QdrantSearchIndex(_cluster.Pool, new QdrantIndexOptions { Endpoint = Node0.Endpoint, Dimension = TestChunks.Dimension }, pipeline.Build());

        // The first call in turn goes to node 0, which never answers: the attempt's timeout, then the retry on node 1.
        await index.SearchAsync(new SearchRequest("photosynthesis", TestChunks.Vector(1), 3));
        await index.SearchAsync(new SearchRequest("photosynthesis", TestChunks.Vector(2), 3));

        Assert.False(_cluster.Pool.Nodes[0].IsUp);
        Assert.Equal(2, _cluster.Nodes[1].Served("Query") + _cluster.Nodes[2].Served("Query"));
    }

    private async Task SearchAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            await _cluster.Index.SearchAsync(new SearchRequest("photosynthesis", TestChunks.Vector(i), 3));
        }
    }

    public void Dispose() => _cluster.Dispose();
}
