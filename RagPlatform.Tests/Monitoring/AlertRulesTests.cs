using System.Diagnostics;
using RagPlatform.AppHost.Monitoring;

namespace RagPlatform.Tests.Monitoring;

public sealed class AlertRulesTests
{
    private static readonly MonitoringAssets Assets = MonitoringAssets.FindFrom(AppContext.BaseDirectory);

    [Fact]
    public async Task PromtoolAcceptsTheRepositorysAlertRules()
    {
        var (exitCode, output) = await RunAsync("/usr/bin/promtool", "check", "rules", Assets.RulesFile);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 9 rules found", output);
    }

    [Fact]
    public async Task PromtoolAcceptsTheConfigurationNativeModeGenerates()
    {
        var folder = Directory.CreateTempSubdirectory("ragplatform-promconfig-").FullName;
        try
        {
            var config = Path.Combine(folder, "prometheus.yml");
            await File.WriteAllTextAsync(config, PrometheusConfiguration.Render(
                [new ScrapeJob("api", [], Path.Combine(folder, "api.json")), new ScrapeJob("worker", ["127.0.0.1:1"])],
                Assets.RulesFile, TimeSpan.FromSeconds(5)));

            var (exitCode, output) = await RunAsync("/usr/bin/promtool", "check", "config", config);

            Assert.True(exitCode == 0, output);
            Assert.Contains("SUCCESS: 9 rules found", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheContainersEntrypointWritesAConfigurationPromtoolAcceptsWithEveryTargetAndQdrantsKey()
    {
        var home = Directory.CreateTempSubdirectory("ragplatform-promhome-").FullName;
        try
        {
            var entrypoint = Path.Combine(Assets.PrometheusFolder, "containers-entrypoint.sh");
            var rendered = Path.Combine(home, "prometheus.yml");
            var (exitCode, output) = await RunAsync("sh", new Dictionary<string, string>
            {
                ["API_TARGET"] = "api:8080",
                ["WORKER_TARGET"] = "worker:8080",
                ["QDRANT_TARGETS"] = "qdrant0:6333,qdrant1:6333,qdrant2:6333",
                ["QDRANT_API_KEY"] = "the-key",
                ["PROMETHEUS_HOME"] = home,
            }, entrypoint, "/usr/bin/promtool", "check", "config", rendered);

            Assert.True(exitCode == 0, output);
            Assert.Contains("SUCCESS: 9 rules found", output);
            var config = await File.ReadAllTextAsync(rendered);
            Assert.Contains("targets: [\"api:8080\"]", config);
            Assert.Contains("targets: [\"worker:8080\"]", config);
            Assert.Contains("targets: [\"qdrant0:6333\", \"qdrant1:6333\", \"qdrant2:6333\"]", config);
            Assert.Equal("the-key", await File.ReadAllTextAsync(Path.Combine(home, "qdrant-apikey")));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void TheComparisonOfAnAlertIsLeftOutAndAnythingElseIsKept()
    {
        Assert.Equal("max(rag_ingestion_queue_lag_seconds)", MonitoringQueries.Evaluated("max(rag_ingestion_queue_lag_seconds) > 300"));
        Assert.Equal("up{job=~\"api|worker\"}", MonitoringQueries.Evaluated("up{job=~\"api|worker\"} == 0"));
        Assert.Equal("min(x) < scalar(count(up{job=\"q\"}))".Split(" <")[0], MonitoringQueries.Evaluated("min(x) < scalar(count(up{job=\"q\"}))"));
        Assert.Equal("sum(rate(a{code=~\"5..\"}[5m])) or vector(0)", MonitoringQueries.Evaluated("sum(rate(a{code=~\"5..\"}[5m])) or vector(0)"));
    }

    private static Task<(int ExitCode, string Output)> RunAsync(string executable, params string[] args) =>
        RunAsync(executable, new Dictionary<string, string>(), args);

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(executable, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
