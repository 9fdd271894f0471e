using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagPlatform.Client;
using RagPlatform.Core.Indexing;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Projection;

/// <summary>
/// The API and the worker in-process with Index:Backend qdrant, against real PostgreSQL and Redis, where "Qdrant" is
/// one <see cref="ControllableIndex"/> both hosts share at the <see cref="ISearchIndex"/> boundary, as they would
/// share the cluster: the worker's projector writes it, the API searches it and follows the projection's checkpoint.
/// </summary>
public sealed class ProjectedIndexFixture : IAsyncLifetime
{
    /// <summary>Short, so the test of the timeout answer does not wait long; ample for an in-process projection.</summary>
    public static readonly TimeSpan ReadYourWriteTimeout = TimeSpan.FromSeconds(2);

    private NativePostgres? _postgres;
    private NativeRedis? _redis;
    private WebApplicationFactory<ApiMarker>? _api;
    private WebApplicationFactory<WorkerMarker>? _worker;

    public ControllableIndex Index { get; } = new(new EmbeddedSearchIndex());

    /// <summary>A client of tenant <see cref="TestCredentials.Tenant"/> with every role and the service token.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The platform's typed client over <see cref="Client"/>.</summary>
    public RagPlatformClient Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await NativeRedis.StartAsync();
        _postgres = await NativePostgres.StartAsync();
        await _postgres.CreateDatabaseAsync("ragdb");
        _api = await Configure(TestHost.Api()).StartAsync();
        Client = _api.CreateClient().Authorize();
        Api = new RagPlatformClient(Client);
        _worker = Configure(TestHost.Worker()).Build();
        _worker.CreateClient().Dispose();
    }

    /// <summary>Both hosts on the Qdrant backend, whose client is replaced by <see cref="Index"/> at the ISearchIndex boundary.</summary>
    private TestHost<TMarker> Configure<TMarker>(TestHost<TMarker> host) where TMarker : class => host
        .WithDatabase(_postgres!.ConnectionStringFor("ragdb"))
        .WithRedis(_redis!)
        .WithSetting("Index:Backend", "qdrant")
        .WithSetting("Index:ReadYourWriteTimeout", ReadYourWriteTimeout.ToString())
        .WithSetting("Qdrant:Endpoint", "http://127.0.0.1:9") // never called: the index is replaced below
        .WithSetting("Ingestion:PollInterval", "00:00:00.200")
        .WithSetting("RateLimiting:PermitLimit", "1000000")
        .WithServices(services =>
        {
            foreach (var initializer in services.Where(d => d.ImplementationType == typeof(QdrantCollectionInitializer)).ToList())
            {
                services.Remove(initializer);
            }
            services.AddSingleton<ISearchIndex>(Index);
            // No cluster to ask either: its health check is tested against fixtures (QdrantClusterHealthTests).
            services.PostConfigure<HealthCheckServiceOptions>(options =>
            {
                foreach (var check in options.Registrations.Where(r => r.Name == QdrantClusterHealthCheck.Name).ToList())
                {
                    options.Registrations.Remove(check);
                }
            });
        });

    public async ValueTask DisposeAsync()
    {
        Index.Resume();
        Client?.Dispose();
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
        Index.Inner.Dispose();
    }
}
