using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace RagPlatform.Tests.AppHost;

public class ContainersModeTests
{
    private static Task<AppHostModel> CreateAsync() => AppHostModel.CreateAsync("Infrastructure:Mode=containers");

    [Fact]
    public async Task PostgresWithRagdbAndRedisCacheAreContainersWithDataVolumes()
    {
        await using var model = await CreateAsync();

        var postgres = model.Get<PostgresServerResource>("postgres");
        Assert.Equal("ragdb", model.Get<PostgresDatabaseResource>("ragdb").DatabaseName);
        Assert.Equal("postgres-password", postgres.PasswordParameter.Name);
        Assert.True(postgres.PasswordParameter.Secret);
        Assert.Contains(postgres.Annotations.OfType<ContainerMountAnnotation>(), m => m.Type == ContainerMountType.Volume);
        Assert.Contains(model.Get<RedisResource>("cache").Annotations.OfType<ContainerMountAnnotation>(), m => m.Type == ContainerMountType.Volume);
    }

    [Fact]
    public async Task QdrantClusterHasThreeNodesThatBootstrapFromNodeZero()
    {
        await using var model = await CreateAsync();

        var nodes = model.Resources.OfType<ContainerResource>().Where(r => r.Name.StartsWith("qdrant", StringComparison.Ordinal)).ToList();
        Assert.Equal(["qdrant0", "qdrant1", "qdrant2"], nodes.Select(n => n.Name));

        var args0 = await model.ArgumentsOf("qdrant0");
        Assert.Equal(["./qdrant", "--uri", "http://qdrant0:6335"], args0);
        for (var i = 1; i < nodes.Count; i++)
        {
            var args = await model.ArgumentsOf(nodes[i].Name);
            Assert.Equal(["./qdrant", "--bootstrap", "http://qdrant0:6335", "--uri", $"http://qdrant{i}:6335"], args);
            Assert.Contains("qdrant0", model.WaitsOf(nodes[i].Name));
        }

        foreach (var node in nodes)
        {
            Assert.True(node.TryGetContainerImageName(out var image));
            Assert.StartsWith("qdrant/qdrant:", image, StringComparison.Ordinal);
            Assert.Equal([6333, 6334, 6335], node.Annotations.OfType<EndpointAnnotation>().Select(e => e.TargetPort ?? 0).Order());
            Assert.Contains(node.Annotations.OfType<ContainerMountAnnotation>(), m => m.Target == "/qdrant/storage");

            var env = await model.EnvironmentOf(node.Name);
            Assert.Equal("true", env["QDRANT__CLUSTER__ENABLED"]);
            Assert.Equal("{qdrant-apikey.value}", env["QDRANT__SERVICE__API_KEY"]);
        }

        Assert.True(model.Get<ParameterResource>("qdrant-apikey").Secret);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task ServicesReferenceWaitForAndAreGivenEveryQdrantNode(string service)
    {
        await using var model = await CreateAsync();

        Assert.Superset(new HashSet<string> { "ragdb", "cache", "qdrant0", "qdrant1", "qdrant2" }, model.WaitsOf(service).ToHashSet());

        var env = await model.EnvironmentOf(service);
        Assert.Contains("ConnectionStrings__ragdb", env.Keys);
        Assert.Contains("ConnectionStrings__cache", env.Keys);
        Assert.Equal("qdrant", env["Index__Backend"]);
        Assert.Equal("{qdrant0.bindings.grpc.url},{qdrant1.bindings.grpc.url},{qdrant2.bindings.grpc.url}", env["Qdrant__Endpoints"]);
        Assert.Equal("{qdrant0.bindings.http.url},{qdrant1.bindings.http.url},{qdrant2.bindings.http.url}", env["Qdrant__HttpEndpoints"]);
        Assert.Equal("3", env["Qdrant__ShardNumber"]);
        Assert.Equal("{qdrant-apikey.value}", env["Qdrant__ApiKey"]);
        Assert.Equal("2", env["Qdrant__ReplicationFactor"]);
    }
}
