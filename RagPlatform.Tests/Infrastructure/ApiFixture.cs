using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Bench.Client;
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

    /// <summary>The API's services, for tests that must reach behind the HTTP surface (to cause drift, say).</summary>
    public IServiceProvider ApiServices => _api!.Services;

    /// <summary>The worker's own endpoints (/health, /metrics).</summary>
    public HttpClient WorkerClient { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public NativeRedis Redis => _redis!;

    /// <summary>The worker's embedding generator, for counting calls and injecting faults.</summary>
    public FaultInjectingEmbeddingGenerator Embeddings { get; private set; } = null!;

    /// <summary>The API's embedding generator (query embeddings), for counting calls.</summary>
    public FaultInjectingEmbeddingGenerator QueryEmbeddings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _redis = await NativeRedis.StartAsync();
        _postgres = await NativePostgres.StartAsync();
        await _postgres.CreateDatabaseAsync("ragdb");
        ConnectionString = _postgres.ConnectionStringFor("ragdb");

        _api = new WebApplicationFactory<ApiMarker>().WithWebHostBuilder(builder =>
        {
            Configure(builder);
            // Breakers that open after two failures, forget calls after a second and test again after a second, so
            // tests see them open and close without earlier tests' successful calls diluting the failure ratio.
            foreach (var dependency in new[] { ResiliencePipelines.Embedding, ResiliencePipelines.Redis })
            {
                builder.UseSetting($"Resilience:{dependency}:MaxRetryAttempts", "0");
                builder.UseSetting($"Resilience:{dependency}:MinimumThroughput", "2");
                builder.UseSetting($"Resilience:{dependency}:BreakDuration", BreakDuration.ToString());
                builder.UseSetting($"Resilience:{dependency}:SamplingDuration", BreakDuration.ToString());
            }
            builder.ConfigureTestServices(services => WrapEmbeddings(services, wrapper => QueryEmbeddings = wrapper));
        });
        Client = _api.CreateClient().Authorize();
        // The API migrates the schema before it serves; only then may the worker start.
        await new RagApiClient(Client).WaitUntilHealthyAsync();
        _worker = new WebApplicationFactory<WorkerMarker>().WithWebHostBuilder(builder =>
        {
            Configure(builder);
            builder.UseSetting($"Resilience:{ResiliencePipelines.Embedding}:MinimumThroughput", "2");
            builder.UseSetting($"Resilience:{ResiliencePipelines.Embedding}:BreakDuration", BreakDuration.ToString());
            builder.UseSetting($"Resilience:{ResiliencePipelines.Embedding}:SamplingDuration", BreakDuration.ToString());
            builder.ConfigureTestServices(services => WrapEmbeddings(services, wrapper => Embeddings = wrapper));
        });
        WorkerClient = _worker.CreateClient();
    }

    private static void WrapEmbeddings(IServiceCollection services, Action<FaultInjectingEmbeddingGenerator> created)
    {
        var real = services.Last(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>));
        services.Remove(real);
        services.AddSingleton(sp =>
        {
            var wrapper = new FaultInjectingEmbeddingGenerator((IEmbeddingGenerator<string, Embedding<float>>)real.ImplementationFactory!(sp));
            created(wrapper);
            return wrapper;
        });
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<FaultInjectingEmbeddingGenerator>());
    }

    /// <summary>A client of the API with its own credentials: another tenant, fewer roles, or none at all (null token).</summary>
    public HttpClient CreateClient(string? token, bool serviceToken = false)
    {
        var client = _api!.CreateClient();
        return token is null ? client : client.Authorize(token, serviceToken);
    }

    private void Configure(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseTestCredentials();
        // Revocations take effect at once, so tests need not wait out the cache.
        builder.UseSetting("Auth:ApiKeyCacheDuration", "00:00:00");
        builder.UseSetting("ConnectionStrings:ragdb", ConnectionString);
        builder.UseSetting("ConnectionStrings:cache", _redis!.ConnectionString);
        builder.UseSetting("Index:Backend", "embedded");
        builder.UseSetting("Ingestion:PollInterval", "00:00:00.200");
        builder.UseSetting("Ingestion:RetryBaseDelay", "00:00:00.050");
        builder.UseSetting("Ingestion:RetryMaxDelay", "00:00:01");
        builder.UseSetting("Ingestion:MaxAttempts", "3");
        builder.UseSetting("Documents:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Every test shares one client identity and polls: rate limits have fixtures of their own.
        builder.UseSetting("RateLimiting:PermitLimit", "1000000");
    }

    public async Task DisposeAsync()
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
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
