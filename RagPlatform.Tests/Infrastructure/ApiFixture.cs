using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Client;
using RagPlatform.Core.Resilience;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// The API and the ingestion worker in-process (WebApplicationFactory) against a real PostgreSQL
/// started for the test run, with the embedded index and the offline embedding model.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private NativePostgres? _postgres;
    private NativeRedis? _redis;
    private WebApplicationFactory<ApiMarker>? _api;
    private WebApplicationFactory<WorkerMarker>? _worker;

    public const long MaxUploadBytes = 1024 * 1024;

    /// <summary>How long the embedding and Redis breakers stay open here (the worker's embedding breaker too).</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(1);

    /// <summary>A client of tenant <see cref="TestCredentials.Tenant"/> with every role and the service token.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The platform's typed client over <see cref="Client"/>: uploads, status polling (<see cref="RagPlatformClientPolling"/>), searches.</summary>
    public RagPlatformClient Api { get; private set; } = null!;

    /// <summary>The API's services, for tests that must reach behind the HTTP surface (to cause drift, say).</summary>
    public IServiceProvider ApiServices => _api!.Services;

    /// <summary>The worker's own endpoints (/health, /metrics).</summary>
    public HttpClient WorkerClient { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Settings of this fixture's API beyond the shared ones (trusting an identity provider, say), given before it starts.</summary>
    public Func<TestHost<ApiMarker>, TestHost<ApiMarker>> ConfigureApi { get; init; } = host => host;

    public NativeRedis Redis => _redis!;

    /// <summary>The worker's embedding generator, for counting calls and injecting faults.</summary>
    public FaultInjectingEmbeddingGenerator Embeddings { get; private set; } = null!;

    /// <summary>The API's embedding generator (query embeddings), for counting calls.</summary>
    public FaultInjectingEmbeddingGenerator QueryEmbeddings { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await NativeRedis.StartAsync();
        _postgres = await NativePostgres.StartAsync();
        await _postgres.CreateDatabaseAsync("ragdb");
        ConnectionString = _postgres.ConnectionStringFor("ragdb");

        // Breakers that open after two failures, forget calls after a second and test again after a second, so
        // tests see them open and close without earlier tests' successful calls diluting the failure ratio.
        var api = ConfigureApi(Configure(TestHost.Api()));
        foreach (var dependency in new[] { ResiliencePipelines.Embedding, ResiliencePipelines.Redis })
        {
            api.WithSetting($"Resilience:{dependency}:MaxRetryAttempts", "0");
            WithShortBreaker(api, dependency);
        }
        // The API migrates the schema before it serves; only then may the worker start.
        _api = await api.WithServices(services => FaultInjectingEmbeddingGenerator.Wrap(services, wrapper => QueryEmbeddings = wrapper)).StartAsync();
        Client = _api.CreateClient().Authorize();
        Api = new RagPlatformClient(Client);

        var worker = Configure(TestHost.Worker());
        _worker = WithShortBreaker(worker, ResiliencePipelines.Embedding)
            .WithServices(services => FaultInjectingEmbeddingGenerator.Wrap(services, wrapper => Embeddings = wrapper)).Build();
        WorkerClient = _worker.CreateClient();
    }

    /// <summary>The settings every host of this fixture shares: this fixture's database and Redis, fast ingestion retries.</summary>
    public TestHost<TMarker> Configure<TMarker>(TestHost<TMarker> host) where TMarker : class => host
        .WithDatabase(ConnectionString)
        .WithRedis(_redis!)
        // Revocations take effect at once, so tests need not wait out the cache.
        .WithSetting("Auth:ApiKeyCacheDuration", "00:00:00")
        .WithSetting("Ingestion:PollInterval", "00:00:00.200")
        .WithSetting("Ingestion:RetryBaseDelay", "00:00:00.050")
        .WithSetting("Ingestion:RetryMaxDelay", "00:00:01")
        .WithSetting("Ingestion:MaxAttempts", "3")
        .WithSetting("Documents:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
        // Every test shares one client identity and polls: rate limits have fixtures of their own.
        .WithSetting("RateLimiting:PermitLimit", "1000000");

    private static TestHost<TMarker> WithShortBreaker<TMarker>(TestHost<TMarker> host, string dependency) where TMarker : class => host
        .WithSetting($"Resilience:{dependency}:MinimumThroughput", "2")
        .WithSetting($"Resilience:{dependency}:BreakDuration", BreakDuration.ToString())
        .WithSetting($"Resilience:{dependency}:SamplingDuration", BreakDuration.ToString());

    /// <summary>A client of the API with its own credentials: another tenant, fewer roles, or none at all (null token).</summary>
    public HttpClient CreateClient(string? token, bool serviceToken = false)
    {
        var client = _api!.CreateClient();
        return token is null ? client : client.Authorize(token, serviceToken);
    }

    /// <summary>A handler that reaches the in-process API, for clients built by dependency injection (the typed client, the web app).</summary>
    public HttpMessageHandler CreateApiHandler() => _api!.Server.CreateHandler();

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        WorkerClient?.Dispose();
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
[Trait("Category", "Integration")]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
