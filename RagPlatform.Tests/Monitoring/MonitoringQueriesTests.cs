using System.Text.Json;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Monitoring;

/// <summary>
/// Every dashboard panel and every alert rule asked of a real Prometheus that scrapes a running API, worker and three
/// (stand-in) Qdrant nodes: a query nothing answers is a broken panel or an alert that can never fire.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MonitoringQueriesTests(MonitoringFixture fixture) : IClassFixture<MonitoringFixture>
{
    /// <summary>Alerts on a metric that no process of this branch exports yet, by alert name, with where it comes from.</summary>
    private static readonly Dictionary<string, string> ExportedElsewhere = new(StringComparer.Ordinal)
    {
        ["BackupTooOld"] = "rag_backup_last_success_seconds is 0 (ignored) until a backup exists; the services here take none",
    };

    [Fact]
    public async Task EveryDashboardPanelQueryReturnsSeries()
    {
        var queries = MonitoringQueries.PanelQueries(fixture.Assets.GrafanaDashboards).ToList();
        Assert.True(queries.Count >= 20, $"only {queries.Count} panel queries were found");

        var unanswered = await UnansweredAsync(queries.Select(q => ($"{q.Dashboard} / {q.Panel}", q.Expr)));

        Assert.Empty(unanswered);
    }

    [Fact]
    public async Task EveryAlertExpressionOrItsLeftHandSideReturnsSeries()
    {
        var rules = await LoadedRulesAsync();
        var evaluated = rules.Where(r => !ExportedElsewhere.ContainsKey(r.Name)).Select(r => (r.Name, MonitoringQueries.Evaluated(r.Query)));

        var unanswered = await UnansweredAsync(evaluated);

        Assert.Empty(unanswered);
    }

    [Fact]
    public async Task PrometheusLoadsEveryAlertRuleOfTheRepositoryAndEvaluatesThemWithoutError()
    {
        await MonitoringFixture.UntilAsync(async () => (await LoadedRulesAsync()).All(r => r.Health == "ok"), "every rule evaluated");

        var rules = await LoadedRulesAsync();

        Assert.Equal(
            ["ApiServerErrors", "BackupTooOld", "CircuitBreakerOpen", "IngestionFailuresRising", "IngestionQueueLagging",
             "QdrantNodeDown", "QdrantPeerMissing", "SearchLatencyHigh", "ServiceDown"],
            rules.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(rules, r => Assert.Equal("ok", r.Health));
    }

    [Fact]
    public async Task PrometheusScrapesTheApiTheWorkerAndEveryQdrantNode()
    {
        var targets = (await fixture.Prometheus.GetAsync("api/v1/targets")).GetProperty("activeTargets").EnumerateArray()
            .Select(t => (Job: t.GetProperty("labels").GetProperty("job").GetString(), Health: t.GetProperty("health").GetString())).ToList();

        Assert.Equal(["api", "qdrant", "qdrant", "qdrant", "worker"], targets.Select(t => t.Job).Order(StringComparer.Ordinal));
        Assert.All(targets, t => Assert.Equal("up", t.Health));
    }

    [Fact]
    public async Task DegradedSearchesAreCountedByTheDependencyTheyWentWithout()
    {
        await MonitoringFixture.UntilAsync(async () => await ValueAsync("sum by (dependency) (rag_search_degraded_total{dependency=\"embedding\"})") >= 1,
            "the degraded search to be scraped");

        Assert.Equal(1, await ValueAsync("sum by (dependency) (rag_search_degraded_total{dependency=\"embedding\"})"));
        Assert.Equal(0, await ValueAsync("sum by (dependency) (rag_search_degraded_total{dependency=\"cache\"})"));
        Assert.Equal(0, await ValueAsync("sum by (dependency) (rag_search_degraded_total{dependency=\"index\"})"));
    }

    private async Task<double> ValueAsync(string query)
    {
        var result = (await fixture.Prometheus.GetAsync($"api/v1/query?query={Uri.EscapeDataString(query)}")).GetProperty("result");
        return result.GetArrayLength() == 0 ? double.NaN
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The queries that still return no series after every query has had 30 s (many scrapes) to answer.</summary>
    private async Task<List<string>> UnansweredAsync(IEnumerable<(string Name, string Query)> queries)
    {
        var pending = queries.ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var still = new List<(string Name, string Query)>();
            foreach (var query in pending)
            {
                if (await fixture.Prometheus.CountSeriesAsync(query.Query) == 0)
                {
                    still.Add(query);
                }
            }
            pending = still;
            if (pending.Count == 0 || DateTime.UtcNow > deadline)
            {
                return [.. pending.Select(q => $"{q.Name}: {q.Query}")];
            }
            await Task.Delay(MonitoringFixture.ScrapeInterval);
        }
    }

    private async Task<List<(string Name, string Query, string Health)>> LoadedRulesAsync() =>
        [.. (await fixture.Prometheus.GetAsync("api/v1/rules")).GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("query").GetString()!, r.GetProperty("health").GetString()!))];
}
