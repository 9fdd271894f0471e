using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using RagPlatform.Tests.Infrastructure;
using StackExchange.Redis;

namespace RagPlatform.Tests.AppHost;

/// <summary>Starts the native PostgreSQL and Redis alone, on free ports and a throwaway data folder.</summary>
[Trait("Category", "Integration")]
public sealed class NativeInfrastructureTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"ragplatform-apphost-{Guid.NewGuid():N}");

    [Fact]
    public async Task NativePostgresAndRedisServeTheServicesAndStopWithTheAppHost()
    {
        int postgresPort = TestPorts.Next(), redisPort = TestPorts.Next();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RagPlatform_AppHost>(
        [
            "Infrastructure:Mode=native", $"Infrastructure:DataDirectory={_dataDirectory}",
            $"Infrastructure:PostgresPort={postgresPort}", $"Infrastructure:RedisPort={redisPort}",
            $"Monitoring:PrometheusPort={TestPorts.Next()}",
        ]);
        foreach (var service in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(service);
        }

        await using var app = await builder.BuildAsync();
        await app.StartAsync().WaitAsync(Timeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("ragdb").WaitAsync(Timeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache").WaitAsync(Timeout);

        await using (var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("ragdb")))
        {
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT current_database()", connection);
            Assert.Equal("ragdb", await query.ExecuteScalarAsync());
        }

        await using (var redis = await ConnectionMultiplexer.ConnectAsync(await app.GetConnectionStringAsync("cache") ?? ""))
        {
            await redis.GetDatabase().PingAsync();
        }

        var postmaster = int.Parse(File.ReadLines(Path.Combine(_dataDirectory, "postgres", "postmaster.pid")).First());
        var redisServer = int.Parse(File.ReadAllText(Path.Combine(_dataDirectory, "redis", "redis.pid")).Trim());

        await app.StopAsync().WaitAsync(Timeout);

        Assert.False(Directory.Exists($"/proc/{postmaster}"), "PostgreSQL still runs after the AppHost stopped.");
        Assert.False(Directory.Exists($"/proc/{redisServer}"), "redis-server still runs after the AppHost stopped.");
        Assert.False(IsListening(postgresPort));
        Assert.False(IsListening(redisPort));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
