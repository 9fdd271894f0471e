using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.QdrantCluster;

public sealed class QdrantSettingsValidationTests
{
    private const string ThreeNodes = "http://qdrant0:6334, http://qdrant1:6334, http://qdrant2:6334";

    private static ValidateOptionsResult Validate(QdrantIndexOptions options) => new QdrantIndexOptionsValidator().Validate(null, options);

    [Fact]
    public void ThreeNodesWithTheDefaultsGetTwoCopiesOfThreeShards()
    {
        var options = new QdrantIndexOptions { Endpoints = ThreeNodes };

        Assert.True(Validate(options).Succeeded);
        Assert.Equal(3, options.GrpcNodes.Count);
        Assert.Equal(2u, options.EffectiveReplicationFactor);
        Assert.Equal(3u, options.EffectiveShardNumber);
        Assert.Equal(new Uri("http://qdrant2:6333"), options.HttpNodes[2]);
    }

    [Fact]
    public void TheSingleEndpointSettingStillWorksAsOneNode()
    {
        var options = new QdrantIndexOptions { Endpoint = new Uri("http://localhost:6334") };

        Assert.True(Validate(options).Succeeded);
        Assert.Equal([new Uri("http://localhost:6334")], options.GrpcNodes);
        Assert.Equal(1u, options.EffectiveReplicationFactor);
    }

    [Theory]
    [InlineData(4u, 1u, 3u, "Qdrant:ReplicationFactor is 4 but the cluster has 3 node(s)")]
    [InlineData(2u, 3u, 3u, "Qdrant:WriteConsistencyFactor is 3 but Qdrant:ReplicationFactor is 2")]
    [InlineData(2u, 1u, 2u, "Qdrant:ShardNumber is 2 but the cluster has 3 nodes")]
    public void AnInconsistentClusterLayoutIsRefusedNamingTheKey(uint replication, uint writeConsistency, uint shards, string message)
    {
        var options = new QdrantIndexOptions
        {
            Endpoints = ThreeNodes, ReplicationFactor = replication, WriteConsistencyFactor = writeConsistency, ShardNumber = shards,
        };

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void NoEndpointOrAMalformedOneIsRefused()
    {
        Assert.Contains("must name at least one node", Validate(new QdrantIndexOptions()).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'qdrant1:6334'", Validate(new QdrantIndexOptions { Endpoints = "http://qdrant0:6334,qdrant1:6334" }).FailureMessage,
            StringComparison.Ordinal);
    }

    [Fact]
    public void TheServicesRefuseABadLayoutWhenTheyStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Qdrant:Endpoints"] = "http://qdrant0:6334,http://qdrant1:6334",
            ["Qdrant:ReplicationFactor"] = "3",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddQdrantSearchIndex();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QdrantIndexOptions>>().Value);

        Assert.Contains("Qdrant:ReplicationFactor is 3 but the cluster has 2 node(s)", failure.Message, StringComparison.Ordinal);
    }
}
