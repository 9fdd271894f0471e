using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagPlatform.Core.Indexing;
using static RagPlatform.Tests.QdrantCluster.ClusterFixtures;

namespace RagPlatform.Tests.QdrantCluster;

public sealed class QdrantClusterHealthTests
{
    private static readonly ulong[] AllPeers = [101, 202, 303];

    private static HealthCheckResult Judge(string cluster, string collection) => QdrantClusterHealth.Evaluate(
        QdrantClusterJson.ParseCluster(cluster), [QdrantClusterJson.ParseCollectionCluster("chunks", collection)], expectedNodes: 3);

    private static Dictionary<string, string> States(params (string Replica, string State)[] states) => states.ToDictionary(s => s.Replica, s => s.State);

    [Fact]
    public void AllPeersPresentAndEveryReplicaActiveIsHealthy()
    {
        var result = Judge(Cluster(AllPeers), CollectionCluster());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public void AMissingPeerIsDegraded()
    {
        var result = Judge(Cluster(101, 202), CollectionCluster());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("2 of 3 peers", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void APeerMessagesCannotReachIsDegraded()
    {
        var result = Judge(Cluster(AllPeers, Peer303Unreachable), CollectionCluster());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("unreachable", result.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dead")]
    [InlineData("Partial")]
    public void AReplicaThatIsNotActiveIsDegraded(string state)
    {
        var result = Judge(Cluster(AllPeers), CollectionCluster(States(("1/303", state))));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains($"chunks shard 1 replica on peer 303 is {state}", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AShardTransferUnderWayIsDegraded()
    {
        var transfers = """[ { "shard_id": 2, "from": 101, "to": 202, "sync": false, "method": "stream_records" } ]""";

        var result = Judge(Cluster(AllPeers), CollectionCluster(States(("2/303", "Partial")), transfers));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("chunks shard 2 is being transferred", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AShardWithNoActiveReplicaIsUnhealthy()
    {
        var result = Judge(Cluster(101, 202), CollectionCluster(States(("1/202", "Dead"), ("1/303", "Dead"))));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("chunks shard 1 has no active replica", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCheckReadsTheNextNodeWhenTheFirstDoesNotAnswer()
    {
        var asked = new List<string>();
        using var http = new HttpClient(new FixtureHandler(request =>
        {
            asked.Add($"{request.RequestUri!.Authority}{request.RequestUri.AbsolutePath}");
            Assert.Equal("secret", request.Headers.GetValues("api-key").Single());
            return request.RequestUri.Host switch
            {
                "qdrant0" => throw new HttpRequestException("Connection refused"),
                _ when request.RequestUri.AbsolutePath == "/cluster" => Cluster(101, 202),
                _ => CollectionCluster(States(("0/101", "Dead"))),
            };
        }));
        var options = new QdrantIndexOptions { Endpoints = "http://qdrant0:6334,http://qdrant1:6334,http://qdrant2:6334", ApiKey = "secret" };

        var result = await new QdrantClusterHealthCheck(http, options).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(["qdrant0:6333/cluster", "qdrant1:6333/cluster", "qdrant1:6333/collections/chunks/cluster"], asked);
    }

    [Fact]
    public async Task NoNodeAnsweringIsUnhealthy()
    {
        using var http = new HttpClient(new FixtureHandler(_ => throw new HttpRequestException("Connection refused")));
        var options = new QdrantIndexOptions { Endpoints = "http://qdrant0:6334,http://qdrant1:6334" };

        var result = await new QdrantClusterHealthCheck(http, options).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    private sealed class FixtureHandler(Func<HttpRequestMessage, string> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer(request)) });
    }
}
