using RagPlatform.AppHost.Qdrant;

namespace RagPlatform.AppHost.Monitoring;

public static class ContainerMonitoringExtensions
{
    public const string PrometheusImage = "prom/prometheus";
    public const string PrometheusTag = "v3.5.0";
    public const string GrafanaImage = "grafana/grafana";
    public const string GrafanaTag = "12.1.1";

    /// <summary>
    /// Prometheus as a container scraping the API, the worker and every Qdrant node with the repository's alert rules
    /// (monitoring/prometheus, mounted read-only). Its entrypoint writes the targets and Qdrant's key into its configuration.
    /// </summary>
    public static IResourceBuilder<ContainerResource> AddPrometheusContainer(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api, IResourceBuilder<ProjectResource> worker, QdrantCluster qdrant)
    {
        var assets = MonitoringAssets.For(builder);
        var nodes = new ReferenceExpressionBuilder();
        for (var i = 0; i < qdrant.Nodes.Count; i++)
        {
            if (i > 0)
            {
                nodes.AppendLiteral(",");
            }
            nodes.Append($"{qdrant.Nodes[i].GetEndpoint(QdrantCluster.HttpEndpointName).Property(EndpointProperty.HostAndPort)}");
        }

        var prometheus = builder.AddContainer("prometheus", PrometheusImage, PrometheusTag)
            .WithBindMount(assets.PrometheusFolder, "/etc/ragplatform", isReadOnly: true)
            .WithVolume("ragplatform-prometheus-data", "/prometheus")
            .WithEntrypoint("/bin/sh")
            .WithArgs("/etc/ragplatform/containers-entrypoint.sh",
                "/bin/prometheus", "--config.file=/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus",
                "--storage.tsdb.retention.time=15d", "--web.listen-address=0.0.0.0:9090")
            .WithEnvironment("API_TARGET", api.GetEndpoint("http").Property(EndpointProperty.HostAndPort))
            .WithEnvironment("WORKER_TARGET", worker.GetEndpoint("http").Property(EndpointProperty.HostAndPort))
            .WithEnvironment("QDRANT_TARGETS", nodes.Build())
            .WithEnvironment("QDRANT_API_KEY", qdrant.ApiKey)
            .WithHttpEndpoint(targetPort: 9090, name: "http")
            .WithHttpHealthCheck("/-/ready")
            .WithUrlForEndpoint("http", url => url.DisplayText = "Prometheus (targets, alerts)");
        return prometheus;
    }

    /// <summary>Grafana with the Prometheus data source and the repository's dashboards provisioned, behind an admin password.</summary>
    public static IResourceBuilder<ContainerResource> AddGrafana(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ContainerResource> prometheus, IResourceBuilder<ParameterResource> adminPassword)
    {
        var assets = MonitoringAssets.For(builder);
        return builder.AddContainer("grafana", GrafanaImage, GrafanaTag)
            .WithBindMount(assets.GrafanaProvisioning, "/etc/grafana/provisioning", isReadOnly: true)
            .WithBindMount(assets.GrafanaDashboards, "/etc/grafana/dashboards", isReadOnly: true)
            .WithVolume("ragplatform-grafana-data", "/var/lib/grafana")
            .WithEnvironment("GF_SECURITY_ADMIN_PASSWORD", adminPassword)
            .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "false")
            .WithHttpEndpoint(targetPort: 3000, name: "http")
            .WithHttpHealthCheck("/api/health")
            .WithUrlForEndpoint("http", url => url.DisplayText = "Grafana (dashboards)")
            .WaitFor(prometheus);
    }
}
