using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using RagPlatform.AppHost.Native;

namespace RagPlatform.Tests.AppHost;

public class NativeModeTests
{
    private static Task<AppHostModel> CreateAsync(params string[] args) =>
        AppHostModel.CreateAsync(["Infrastructure:Mode=native", .. args]);

    [Fact]
    public async Task NativeModeDeclaresNoContainerAtAll()
    {
        await using var model = await CreateAsync();

        Assert.DoesNotContain(model.Resources, r => r is ContainerResource);
        Assert.IsType<NativePostgresServerResource>(model.Get<IResource>("postgres"));
        Assert.Same(model.Get<IResource>("postgres"), model.Get<NativePostgresDatabaseResource>("ragdb").Parent);
        Assert.IsType<NativeRedisResource>(model.Get<IResource>("cache"));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task ServicesWaitForRagdbAndCacheAndUseTheEmbeddedIndex(string service)
    {
        await using var model = await CreateAsync();

        Assert.Superset(new HashSet<string> { "ragdb", "cache", "postgres" }, model.WaitsOf(service).ToHashSet());

        var env = await model.EnvironmentOf(service);
        Assert.Equal("embedded", env["Index__Backend"]);
        Assert.Equal("{ragdb.connectionString}", env["ConnectionStrings__ragdb"]);
        Assert.Equal("{cache.connectionString}", env["ConnectionStrings__cache"]);
        Assert.DoesNotContain("Qdrant__Endpoint", env.Keys);
    }

    [Fact]
    public async Task WorkerWaitsForTheApiThatMigratesTheDatabase()
    {
        await using var model = await CreateAsync("Worker:Replicas=3");

        Assert.Contains("api", model.WaitsOf("worker"));
        Assert.Equal(3, model.Get<ProjectResource>("worker").Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
    }

    [Fact]
    public async Task PortsAndDataFolderComeFromConfiguration()
    {
        await using var model = await CreateAsync("Infrastructure:PostgresPort=55433", "Infrastructure:RedisPort=56380", "Infrastructure:DataDirectory=/var/tmp/rp-model");

        var ragdb = await model.Get<NativePostgresDatabaseResource>("ragdb").ConnectionStringExpression.GetValueAsync(default);
        Assert.Equal("Host=127.0.0.1;Port=55433;Username=postgres;Database=ragdb", ragdb);
        Assert.Equal("127.0.0.1:56380", await model.Get<NativeRedisResource>("cache").ConnectionStringExpression.GetValueAsync(default));
        Assert.Equal("/var/tmp/rp-model/postgres", model.Get<NativePostgresServerResource>("postgres").Layout.DataDirectory);
    }
}
