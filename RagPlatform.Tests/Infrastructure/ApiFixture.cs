using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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

    public HttpClient Client { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public NativeRedis Redis => _redis!;

    public async Task InitializeAsync()
    {
        _redis = await NativeRedis.StartAsync();
        _postgres = await NativePostgres.StartAsync();
        await _postgres.CreateDatabaseAsync("ragdb");
        ConnectionString = _postgres.ConnectionStringFor("ragdb");

        _api = new WebApplicationFactory<ApiMarker>().WithWebHostBuilder(Configure);
        Client = _api.CreateClient();
        // The API migrates the schema before it serves; only then may the worker start.
        (await Client.GetAsync("/health")).EnsureSuccessStatusCode();
        _worker = new WebApplicationFactory<WorkerMarker>().WithWebHostBuilder(Configure);
        _ = _worker.Server;
    }

    private void Configure(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:ragdb", ConnectionString);
        builder.UseSetting("ConnectionStrings:cache", _redis!.ConnectionString);
        builder.UseSetting("Index:Backend", "embedded");
        builder.UseSetting("Ingestion:PollInterval", "00:00:00.200");
        builder.UseSetting("Ingestion:RetryBaseDelay", "00:00:00.050");
    }

    public async Task DisposeAsync()
    {
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
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
