using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RagPlatform.Tests.EndToEnd;

/// <summary>What an operator finds at the AppHost's Prometheus in native mode (Debian's prometheus, installed by .ci/run).</summary>
[Collection(NativeStackCollection.Name)]
public sealed class NativePrometheusTests(NativeStackFixture fixture)
{
    [Fact]
    public async Task PrometheusScrapesTheApiAndEveryWorkerReplicaAndLoadsTheAlertRules()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("prometheus", timeout.Token);
        }
        catch (Exception e) when (e is DistributedApplicationException or OperationCanceledException)
        {
            Assert.Fail($"{e.Message} {await fixture.ReportAsync("prometheus")}");
        }
        using var prometheus = fixture.App.CreateHttpClient("prometheus");

        // The AppHost writes each replica's target once the orchestrator has started it; Prometheus scrapes every 5 s.
        List<(string Job, string Health)> targets;
        do
        {
            await Task.Delay(500, timeout.Token);
            targets = [.. (await prometheus.GetFromJsonAsync<JsonElement>("api/v1/targets", timeout.Token))
                .GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Select(t => (t.GetProperty("labels").GetProperty("job").GetString()!, t.GetProperty("health").GetString()!))];
        }
        while (!(targets.Any(t => t.Job == "api") && targets.Any(t => t.Job == "worker") && targets.All(t => t.Health == "up")));

        var replicas = fixture.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ProjectResource>().Single(r => r.Name == "worker")
            .Annotations.OfType<ReplicaAnnotation>().SingleOrDefault()?.Replicas ?? 1;
        Assert.Equal(replicas, targets.Count(t => t.Job == "worker"));
        Assert.Single(targets, t => t.Job == "api");

        var rules = (await prometheus.GetFromJsonAsync<JsonElement>("api/v1/rules", timeout.Token)).GetProperty("data").GetProperty("groups")
            .EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()).Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal(9, rules.Count);
        Assert.Contains("IngestionQueueLagging", rules);
    }
}
