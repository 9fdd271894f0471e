using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace RagPlatform.AppHost.Native;

public static class NativeRedisBuilderExtensions
{
    /// <summary>
    /// The machine's redis-server as an executable, bound to 127.0.0.1 on a fixed port, healthy once it
    /// answers PING. It snapshots into its data folder like the container's data volume does
    /// (<c>--save 60 1</c>), so the two modes keep the cache across restarts alike.
    /// </summary>
    public static IResourceBuilder<NativeRedisResource> AddNativeRedis(
        this IDistributedApplicationBuilder builder, string name, NativeInfrastructureSettings settings)
    {
        var dataDirectory = Path.Combine(settings.DataDirectory, "redis");
        var layout = new NativeProcessLayout(dataDirectory, Path.Combine(dataDirectory, "redis.pid"), "redis-server", RunAsUser: null);
        var redis = new NativeRedisResource(name, settings.RedisServer, layout, settings.RedisPort);

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async ct =>
            await RedisInstallation.IsReadyAsync(settings.RedisPort, ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy());

        return builder.AddResource(redis)
            .WithArgs(RedisInstallation.ServerArguments(settings.RedisPort,
                "--dir", dataDirectory, "--pidfile", layout.PidFile, "--save", "60 1", "--appendonly", "no"))
            .WithEndpoint(port: settings.RedisPort, targetPort: settings.RedisPort, scheme: "tcp",
                name: NativeServerResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheckKey)
            .OnBeforeResourceStarted((resource, e, _) =>
            {
                Directory.CreateDirectory(dataDirectory);
                if (NativeProcesses.StopFromPidFile(layout, NativeProcesses.SigTerm, TimeSpan.FromSeconds(10)))
                {
                    e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource)
                        .LogWarning("Stopped a redis-server left running by a previous run.");
                }

                return Task.CompletedTask;
            })
            .StopWithAppHost(NativeProcesses.SigTerm);
    }
}
