using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using RagPlatform.AppHost.Monitoring;
using RagPlatform.AppHost.Native;

namespace RagPlatform.Tests.AppHost;

/// <summary>What the AppHost declares to watch the platform: Prometheus (and Grafana with containers), linked from the dashboard.</summary>
public class MonitoringModelTests
{
    [Fact]
    public async Task NativeModeRunsTheMachinesPrometheusOnItsPortWithTheGeneratedConfigurationAndData()
    {
        await using var model = await AppHostModel.CreateAsync(
            "Infrastructure:Mode=native", "Infrastructure:DataDirectory=/var/tmp/rp-model", "Monitoring:PrometheusPort=19191");

        var prometheus = model.Get<ExecutableResource>("prometheus");
        Assert.Equal("/usr/bin/prometheus", prometheus.Command);
        Assert.Equal(
            ["--config.file=/var/tmp/rp-model/prometheus/prometheus.yml", "--storage.tsdb.path=/var/tmp/rp-model/prometheus/data",
             "--storage.tsdb.retention.time=15d", "--web.listen-address=127.0.0.1:19191"],
            await model.ArgumentsOf("prometheus"));
        var endpoint = prometheus.Annotations.OfType<EndpointAnnotation>().Single();
        Assert.Equal((19191, false), (endpoint.Port, endpoint.IsProxied));
        Assert.Contains(prometheus.Annotations.OfType<HealthCheckAnnotation>(), _ => true);
    }

    [Fact]
    public async Task NativeModeWithoutPrometheusInstalledCarriesOnWithoutIt()
    {
        await using var model = await AppHostModel.CreateAsync("Infrastructure:Mode=native", "Monitoring:PrometheusPath=/nonexistent/prometheus");

        Assert.DoesNotContain(model.Resources, r => r.Name == "prometheus");
        Assert.Contains(model.Resources, r => r.Name == "api");
    }

    [Fact]
    public async Task ContainersModeRunsPrometheusAndGrafanaWithTheRepositorysRulesAndDashboards()
    {
        await using var model = await AppHostModel.CreateAsync("Infrastructure:Mode=containers");

        var prometheus = model.Get<ContainerResource>("prometheus");
        var mount = Assert.Single(prometheus.Annotations.OfType<ContainerMountAnnotation>(), m => m.Type == ContainerMountType.BindMount);
        Assert.True(File.Exists(Path.Combine(mount.Source!, "alerts.yml")));
        Assert.True(File.Exists(Path.Combine(mount.Source!, "containers-entrypoint.sh")));
        // The entrypoint writes the configuration into PROMETHEUS_HOME (/prometheus unless set), then runs Prometheus on it.
        Assert.Equal(["/etc/ragplatform/containers-entrypoint.sh", "/bin/prometheus", "--config.file=/prometheus/prometheus.yml"],
            (await model.ArgumentsOf("prometheus")).Take(3));
        var env = await model.EnvironmentOf("prometheus");
        Assert.Equal("{api.bindings.http.host}:{api.bindings.http.port}", env["API_TARGET"]);
        Assert.Equal("{worker.bindings.http.host}:{worker.bindings.http.port}", env["WORKER_TARGET"]);
        Assert.Equal(string.Join(",", Enumerable.Range(0, 3).Select(i => $"{{qdrant{i}.bindings.http.host}}:{{qdrant{i}.bindings.http.port}}")), env["QDRANT_TARGETS"]);

        var grafana = model.Get<ContainerResource>("grafana");
        Assert.Contains("prometheus", model.WaitsOf("grafana"));
        Assert.Contains(grafana.Annotations.OfType<ContainerMountAnnotation>(), m => m.Target == "/etc/grafana/dashboards" && Directory.GetFiles(m.Source!, "*.json").Length == 5);
        Assert.Equal("{grafana-admin-password.value}", (await model.EnvironmentOf("grafana"))["GF_SECURITY_ADMIN_PASSWORD"]);
        Assert.True(model.Get<ParameterResource>("grafana-admin-password").Secret);
    }

    [Fact]
    public void EachReplicaIsScrapedOnThePortItsOwnUrlsName()
    {
        Assert.Equal("127.0.0.1:18114", ReplicaTargets.TargetOf([("OTHER", "x"), ("ASPNETCORE_URLS", "http://localhost:18114")]));
        Assert.Equal("127.0.0.1:5081", ReplicaTargets.TargetOf([("ASPNETCORE_URLS", "https://localhost:7001;http://+:5081")]));
        Assert.Null(ReplicaTargets.TargetOf([("ASPNETCORE_URLS", "{{- portForServing \"worker-http\" -}}")]));
        Assert.Null(ReplicaTargets.TargetOf([]));
    }

    [Fact]
    public void StoppingANativeServerWhoseDataFolderWasNeverCreatedIsNotAnError()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"never-created-{Guid.NewGuid():N}", "redis");
        var layout = new NativeProcessLayout(folder, Path.Combine(folder, "redis.pid"), "redis-server", RunAsUser: null);

        Assert.False(NativeProcesses.StopFromPidFile(layout, NativeProcesses.SigTerm, TimeSpan.FromSeconds(1)));
        Assert.False(Directory.Exists(folder));
    }
}
