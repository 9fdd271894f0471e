using Microsoft.AspNetCore.Mvc.Testing;
using RagPlatform.Core.Resilience;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// Two API instances in Production mode sharing one PostgreSQL and one redis-server, with a small
/// documents budget and one allowed CORS origin; a third instance has a Redis of its own to stop.
/// Each test signs its client in as a subject of its own (a real token), so budgets never mix between tests.
/// </summary>
public sealed class ProtectionFixture : IAsyncLifetime
{
    public const int DocumentsLimit = 5;
    public const string AllowedOrigin = "https://app.example.test";

    private NativePostgres? _postgres;
    private readonly List<IAsyncDisposable> _disposables = [];

    public NativeRedis SharedRedis { get; private set; } = null!;

    public NativeRedis OwnRedis { get; private set; } = null!;

    public WebApplicationFactory<ApiMarker> First { get; private set; } = null!;

    public WebApplicationFactory<ApiMarker> Second { get; private set; } = null!;

    public WebApplicationFactory<ApiMarker> Alone { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _postgres = await NativePostgres.StartAsync();
        await _postgres.CreateDatabaseAsync("ragdb");
        SharedRedis = await NativeRedis.StartAsync();
        OwnRedis = await NativeRedis.StartAsync();
        // These two test the shared budget, not a slow Redis: on starved cores a count taking over the default 100 ms
        // would make an instance count alone (by design) and let a request past the shared limit.
        First = await StartAsync(SharedRedis, Patient);
        Second = await StartAsync(SharedRedis, Patient);
        // Its Redis is stopped and frozen by turns: a breaker open for one second instead of ten lets the next test find
        // it counting in Redis again about nine seconds sooner (it opens as by default).
        Alone = await StartAsync(OwnRedis, host => host.WithSetting($"Resilience:{ResiliencePipelines.Redis}:BreakDuration", "00:00:01"));
    }

    /// <summary>A client of <paramref name="api"/> on HTTPS (HSTS is only sent there), signed in as <paramref name="subject"/>.</summary>
    public static HttpClient ClientOf(WebApplicationFactory<ApiMarker> api, string subject)
    {
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://api.example.test") });
        return client.Authorize(TestCredentials.Token(subject: subject), serviceToken: false);
    }

    private static TestHost<ApiMarker> Patient(TestHost<ApiMarker> host) => host
        .WithSetting("RateLimiting:RedisTimeout", "00:00:02")
        .WithSetting($"Resilience:{ResiliencePipelines.Redis}:Timeout", "00:00:02");

    private async Task<WebApplicationFactory<ApiMarker>> StartAsync(
        NativeRedis redis, Func<TestHost<ApiMarker>, TestHost<ApiMarker>>? configure = null)
    {
        var host = TestHost.Api()
            .WithEnvironment("Production")
            .WithDatabase(_postgres!.ConnectionStringFor("ragdb"))
            .WithRedis(redis)
            .WithSetting("RateLimiting:Groups:documents:PermitLimit", DocumentsLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Cors:AllowedOrigins:0", AllowedOrigin);
        var api = await (configure?.Invoke(host) ?? host).StartAsync();
        _disposables.Add(api);
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }
        foreach (var server in new IAsyncDisposable?[] { _postgres, SharedRedis, OwnRedis })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}

[CollectionDefinition(Name)]
[Trait("Category", "Integration")]
public sealed class ProtectionCollection : ICollectionFixture<ProtectionFixture>
{
    public const string Name = "protection";
}
