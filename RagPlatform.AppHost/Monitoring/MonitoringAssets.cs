namespace RagPlatform.AppHost.Monitoring;

/// <summary>
/// Where the repository keeps what Prometheus and Grafana load (monitoring/ beside the AppHost): the alert rules,
/// the containers' Prometheus template and entrypoint, Grafana's provisioning and dashboards.
/// </summary>
public sealed record MonitoringAssets(string Root)
{
    public string PrometheusFolder => Path.Combine(Root, "prometheus");

    public string RulesFile => Path.Combine(PrometheusFolder, "alerts.yml");

    public string GrafanaProvisioning => Path.Combine(Root, "grafana", "provisioning");

    public string GrafanaDashboards => Path.Combine(Root, "grafana", "dashboards");

    public static MonitoringAssets For(IDistributedApplicationBuilder builder) =>
        new(Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "monitoring")));

    /// <summary>Found by walking up from <paramref name="start"/> (the tests run from bin/).</summary>
    public static MonitoringAssets FindFrom(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = new MonitoringAssets(Path.Combine(dir.FullName, "monitoring"));
            if (File.Exists(candidate.RulesFile))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No monitoring/prometheus/alerts.yml above {start}.");
    }
}
