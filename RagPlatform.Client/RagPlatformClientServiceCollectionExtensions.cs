using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RagPlatform.Client;

/// <summary>Registers <see cref="RagPlatformClient"/> as a typed <see cref="HttpClient"/>.</summary>
public static class RagPlatformClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RagPlatformClient"/> with its credentials handler. The returned builder takes more handlers
    /// (<c>AddStandardResilienceHandler()</c>, <c>AddServiceDiscovery()</c>); uploads carry an Idempotency-Key, so
    /// retrying them is safe.
    /// </summary>
    public static IHttpClientBuilder AddRagPlatformClient(this IServiceCollection services, Action<RagPlatformClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var name = typeof(RagPlatformClient).Name;
        services.AddOptions<RagPlatformClientOptions>(name).Configure(configure)
            .Validate(options => options.BaseAddress is not null, "RagPlatformClientOptions.BaseAddress is required.")
            .Validate(options => options.ApiKey is null || options.TokenProvider is null,
                "Give RagPlatformClientOptions an ApiKey or a TokenProvider, not both.");
        return services.AddHttpClient<RagPlatformClient>(name, (provider, http) =>
                http.BaseAddress = provider.GetRequiredService<IOptionsMonitor<RagPlatformClientOptions>>().Get(name).BaseAddress)
            .AddHttpMessageHandler(provider => new RagPlatformCredentialsHandler(
                provider.GetRequiredService<IOptionsMonitor<RagPlatformClientOptions>>(), provider, name));
    }
}
