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
    public void TheComparisonOfAnAlertIsLeftOutAndAnythingElseIsKept()
    {
        Assert.Equal("max(rag_ingestion_queue_lag_seconds)", MonitoringQueries.Evaluated("max(rag_ingestion_queue_lag_seconds) > 300"));
        Assert.Equal("up{job=~\"api|worker\"}", MonitoringQueries.Evaluated("up{job=~\"api|worker\"} == 0"));
        Assert.Equal("min(x) < scalar(count(up{job=\"q\"}))".Split(" <")[0], MonitoringQueries.Evaluated("min(x) < scalar(count(up{job=\"q\"}))"));
        Assert.Equal("sum(rate(a{code=~\"5..\"}[5m])) or vector(0)", MonitoringQueries.Evaluated("sum(rate(a{code=~\"5..\"}[5m])) or vector(0)"));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(executable, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
