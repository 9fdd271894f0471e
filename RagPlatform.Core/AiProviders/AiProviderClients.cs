using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;

namespace RagPlatform.Core.AiProviders;

/// <summary>The remote backends that both embeddings and chat can use, and the checks on their settings.</summary>
internal static class AiProviderClients
{
    public const string Ollama = "ollama";
    public const string OpenAi = "openai";

    /// <summary>
    /// Reads the provider while services are registered, because it decides which services exist:
    /// a typo fails at start, naming the key and the values that would work.
    /// </summary>
    public static string ReadProvider(IConfiguration configuration, string section, string defaultProvider, IReadOnlyCollection<string> allowed)
    {
        var key = $"{section}:{nameof(AiProviderOptions.Provider)}";
        var provider = configuration[key];
        provider = string.IsNullOrWhiteSpace(provider) ? defaultProvider : provider.Trim().ToLowerInvariant();
        if (!allowed.Contains(provider))
        {
            throw new InvalidOperationException(
                $"Configuration '{key}' is '{configuration[key]}'; allowed values are: {string.Join(", ", allowed)}.");
        }

        return provider;
    }

    /// <summary>Binds the section and checks, at start, that a remote provider has what it needs.</summary>
    public static OptionsBuilder<TOptions> AddProviderOptions<TOptions>(IServiceCollection services, string section, string provider)
        where TOptions : AiProviderOptions
    {
        var builder = services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateDataAnnotations()
            .Validate(o => provider is not (Ollama or OpenAi) || !string.IsNullOrWhiteSpace(o.Model),
                $"Configuration '{section}:Model' is required when '{section}:Provider' is '{provider}'.")
            .Validate(o => provider is not Ollama || o.Endpoint is not null,
                $"Configuration '{section}:Endpoint' is required when '{section}:Provider' is '{Ollama}'.")
            .Validate(o => provider is not OpenAi || !string.IsNullOrWhiteSpace(o.ApiKey),
                $"Configuration '{section}:ApiKey' is required when '{section}:Provider' is '{OpenAi}'.");
        builder.ValidateOnStart();
        if (provider is Ollama or OpenAi)
        {
            // An IHttpClientFactory client (pooled handlers, HttpClient telemetry, service discovery), named after the
            // section. Timeouts, retries and the breaker are the named pipeline's (Resilience:embedding, Resilience:chat),
            // applied where the model is called so they cover the in-process model too and the caller can degrade on
            // them; the standard handler would stack its own retries on those and cut long answers at 10 s.
#pragma warning disable EXTEXP0001 // Experimental, but the documented way to opt one client out of ConfigureHttpClientDefaults' handler.
            services.AddHttpClient(section, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        }
        return builder;
    }

    public static OllamaApiClient CreateOllama(IServiceProvider services, string section, AiProviderOptions options)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(section);
        http.BaseAddress = options.Endpoint;
        return new OllamaApiClient(http, options.Model!);
    }

    public static OpenAIClient CreateOpenAi(IServiceProvider services, string section, AiProviderOptions options) =>
        new(new ApiKeyCredential(options.ApiKey!), new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            Transport = new HttpClientPipelineTransport(services.GetRequiredService<IHttpClientFactory>().CreateClient(section)),
            // The named pipeline retries and times out; the SDK's own policy would multiply its attempts.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        });
}
