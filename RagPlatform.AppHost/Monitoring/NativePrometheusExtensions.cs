using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RagPlatform.AppHost.Native;

namespace RagPlatform.AppHost.Monitoring;

public static class NativePrometheusExtensions
{
    public const string InstallHint = "apt-get install prometheus";
    private const string DefaultPath = "/usr/bin/prometheus";

    /// <summary>
    /// The machine's Prometheus (Debian's package) as an executable on 127.0.0.1:<c>Monitoring:PrometheusPort</c> (9090),
    /// scraping every replica of <paramref name="services"/> and loading the repository's alert rules; its data lives in
    /// <paramref name="dataDirectory"/>/prometheus. Without an installation it says how to get one and returns null: the
    /// platform runs the same without it.
    /// </summary>
    public static IResourceBuilder<ExecutableResource>? AddNativePrometheus(
        this IDistributedApplicationBuilder builder, string dataDirectory, params IResourceBuilder<ProjectResource>[] services)
    {
        var executable = builder.Configuration["Monitoring:PrometheusPath"] is { Length: > 0 } configured ? configured : DefaultPath;
        if (!File.Exists(executable))
        {
            Console.WriteLine($"Prometheus: not found at {executable}, so no metrics are collected. Install it with: {InstallHint}");
            return null;
        }

        var port = builder.Configuration.GetValue("Monitoring:PrometheusPort", 9090);
        var home = Path.Combine(dataDirectory, "prometheus");
        var targets = Path.Combine(home, "targets");
        var configFile = Path.Combine(home, "prometheus.yml");
        var jobs = services.Select(s => new ScrapeJob(s.Resource.Name, [], Path.Combine(targets, s.Resource.Name + ".json"))).ToList();

        var rulesFile = MonitoringAssets.For(builder).RulesFile;
        ReplicaTargets.KeepWritten(builder, targets, services.Select(s => s.Resource.Name).ToHashSet(StringComparer.Ordinal));

        return builder.AddExecutable("prometheus", executable, home,
                $"--config.file={configFile}",
                $"--storage.tsdb.path={Path.Combine(home, "data")}",
                "--storage.tsdb.retention.time=15d",
                $"--web.listen-address=127.0.0.1:{port}")
            .OnBeforeResourceStarted((resource, e, ct) =>
            {
                if (!LoopbackPort.IsFree(port))
                {
                    // Prometheus exits at once then; say why where the operator looks (its log in the dashboard).
                    e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource).LogError(
                        "Port {Port} is taken, so Prometheus cannot listen on it. Debian's package starts its own Prometheus on 9090 " +
                        "where a service manager runs: stop it (systemctl disable --now prometheus) or set Monitoring:PrometheusPort.", port);
                }

                Directory.CreateDirectory(targets);
                return File.WriteAllTextAsync(configFile, PrometheusConfiguration.Render(jobs, rulesFile, TimeSpan.FromSeconds(5)), ct);
            })
            .WithHttpEndpoint(port: port, targetPort: port, isProxied: false)
            .WithHttpHealthCheck("/-/ready")
            .WithUrlForEndpoint("http", url => url.DisplayText = "Prometheus (targets, alerts)");
    }

}
