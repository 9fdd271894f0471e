using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Client;

namespace RagPlatform.Bench.Client;

/// <summary>
/// The bench's way to the API: <see cref="RagPlatformClient"/> registered as an application registers it
/// (<c>AddRagPlatformClient</c>, so every request is signed by the client's own RagPlatformCredentialsHandler), over a
/// connection pool sized for the run. The load's raw requests go through <see cref="CreateHttpClient"/>, signed by the
/// same handler: there is no second signing path to drift from what users get.
/// </summary>
public sealed class ApiConnection : IDisposable
{
    private const string Raw = "RagPlatform.Bench.Raw";

    private readonly ServiceProvider _services;

    private ApiConnection(ServiceProvider services)
    {
        _services = services;
        Client = services.GetRequiredService<RagPlatformClient>();
    }

    public RagPlatformClient Client { get; }

    /// <param name="transport">The innermost handler; by default a <see cref="SocketsHttpHandler"/> within <paramref name="limits"/> (tests give an in-process server's).</param>
    public static ApiConnection Create(Uri baseAddress, Credentials credentials, ConnectionLimits limits, Func<HttpMessageHandler>? transport = null)
    {
        var services = new ServiceCollection();
        Within(services.AddRagPlatformClient(options => Configure(options, baseAddress, credentials)), limits, transport);

        services.AddOptions<RagPlatformClientOptions>(Raw).Configure(options => Configure(options, baseAddress, credentials));
        Within(services.AddHttpClient(Raw, http => http.BaseAddress = baseAddress)
            .AddHttpMessageHandler(provider => new RagPlatformCredentialsHandler(
                provider.GetRequiredService<IOptionsMonitor<RagPlatformClientOptions>>(), provider, Raw)), limits, transport);
        return new ApiConnection(services.BuildServiceProvider());
    }

    /// <summary>An <see cref="HttpClient"/> on the API's base address for requests the typed client has no method for (/health, /metrics, the load's).</summary>
    public HttpClient CreateHttpClient() => _services.GetRequiredService<IHttpClientFactory>().CreateClient(Raw);

    public void Dispose() => _services.Dispose();

    private static void Configure(RagPlatformClientOptions options, Uri baseAddress, Credentials credentials)
    {
        options.BaseAddress = baseAddress;
        credentials.Configure(options);
    }

    // The factory's handler rotation and logging are off: a run keeps the pool it measured with, and the bench logs nothing per request.
    private static void Within(IHttpClientBuilder client, ConnectionLimits limits, Func<HttpMessageHandler>? transport) => client
        .ConfigureHttpClient(http => http.Timeout = limits.RequestTimeout)
        .ConfigurePrimaryHttpMessageHandler(transport ?? (() => new SocketsHttpHandler
        {
            MaxConnectionsPerServer = limits.MaxConnectionsPerServer,
            PooledConnectionLifetime = limits.PooledConnectionLifetime,
            UseCookies = false,
        }))
        .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
        .RemoveAllLoggers();
}
