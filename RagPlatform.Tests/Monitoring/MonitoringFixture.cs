using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.AppHost.Monitoring;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Monitoring;

/// <summary>
/// A real Prometheus (scraping every second, with the repository's alert rules) scraping a running API and worker on
/// real ports, and a stand-in for three Qdrant nodes' /metrics, after the traffic a dashboard shows: documents indexed
/// and failed, searches (one served from the cache, one degraded), refused requests.
/// </summary>
public sealed class MonitoringFixture : IAsyncLifetime
{
    // Everything started, stopped in the reverse order.
    private readonly Stack<IAsyncDisposable> _started = new();

    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    public MonitoringAssets Assets { get; } = MonitoringAssets.FindFrom(AppContext.BaseDirectory);

    public PrometheusServer Prometheus { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: the servers (separate processes) would outlive the run.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        var redis = Started(await NativeRedis.StartAsync());
        var postgres = Started(await NativePostgres.StartAsync());
        await postgres.CreateDatabaseAsync("ragdb");
        var connectionString = postgres.ConnectionStringFor("ragdb");

        var (api, apiAddress) = await TestHost.Api().WithDatabase(connectionString).WithRedis(redis)
            .WithServices(services => FaultInjectingEmbeddingGenerator.Wrap(services, _ => { })).StartListeningAsync();
        Started(api);
        var (worker, workerAddress) = await TestHost.Worker().WithDatabase(connectionString).WithRedis(redis)
            .WithSetting("Ingestion:PollInterval", "00:00:00.200").WithSetting("Ingestion:MaxAttempts", "1").StartListeningAsync();
        Started(worker);
        var qdrant = Started(await FakeQdrantMetrics.StartAsync());

        Prometheus = Started(await PrometheusServer.StartAsync(PrometheusConfiguration.Render(
            [new ScrapeJob("api", [apiAddress.Authority]), new ScrapeJob("worker", [workerAddress.Authority]), new ScrapeJob("qdrant", qdrant.Targets)],
            Assets.RulesFile, ScrapeInterval)));
        await UntilAsync(async () => await Prometheus.CountSeriesAsync("up == 1") == 5, "every target up");

        await MakeTrafficAsync(api.CreateClient().Authorize(), api.Services.GetRequiredService<FaultInjectingEmbeddingGenerator>());
    }

    private static async Task MakeTrafficAsync(HttpClient client, FaultInjectingEmbeddingGenerator queryEmbeddings)
    {
        var rag = new RagPlatformClient(client);
        var good = $"monitored-{Guid.NewGuid():N}";
        await rag.UploadAsync(new TextDocument("Prometheus scrapes the platform's metrics every few seconds.", Id: good));
        var bad = $"monitored-bad-{Guid.NewGuid():N}";
        await rag.UploadAsync(new FileUpload(new MemoryStream("%PDF-1.4 not really"u8.ToArray()), "bad.pdf", "application/pdf", Id: bad));
        await rag.WaitForStatusAsync(good, DocumentStatuses.Indexed);
        await rag.WaitForStatusAsync(bad, DocumentStatuses.Failed);

        for (var i = 0; i < 3; i++)
        {
            // The same search again is a cache hit.
            await rag.SearchAsync(new SearchRequest("how often are metrics scraped"));
        }
        // Raw HTTP: a request the typed client would not let through counts as a 400 on the wire.
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/rag/search", new { query = "" })).StatusCode);

        // Last, since its failures count towards the embedding breaker: a search whose query cannot be embedded (the attempt
        // and its retry fail) is served keyword-only and reports itself degraded.
        queryEmbeddings.FailNext(2);
        var degraded = await rag.SearchAsync(new SearchRequest($"scrape interval {Guid.NewGuid():N}"));
        Assert.Contains("embedding", degraded.DegradedOrEmpty);
    }

    /// <summary>Polls <paramref name="condition"/> for up to 30 s: rates need two scrapes after the traffic.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 30 s for {what}.");
            }
            await Task.Delay(ScrapeInterval / 2);
        }
    }

    private T Started<T>(T started) where T : IAsyncDisposable
    {
        _started.Push(started);
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        while (_started.TryPop(out var started))
        {
            await started.DisposeAsync();
        }
    }
}
