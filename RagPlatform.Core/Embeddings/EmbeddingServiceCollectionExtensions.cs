using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RagPlatform.Core.AiProviders;
using RagPlatform.Core.Chunking;

namespace RagPlatform.Core.Embeddings;

public static class EmbeddingServiceCollectionExtensions
{
    /// <summary>Telemetry source of every model call the platform makes (embeddings and chat).</summary>
    public const string TelemetrySourceName = "RagPlatform.AI";

    /// <summary>
    /// Registers <see cref="IEmbeddingGenerator{String, Embedding}"/> from <c>Embeddings:Provider</c>
    /// (<c>minilm</c>, the default, in-process, at <c>Embeddings:Precision</c> int8 or fp32; <c>ollama</c>; <c>openai</c>) and the <see cref="ITokenCounter"/> chunking uses.
    /// </summary>
    public static IHostApplicationBuilder AddRagEmbeddings(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var provider = AiProviderClients.ReadProvider(
            builder.Configuration, EmbeddingOptions.SectionName, EmbeddingOptions.MiniLm, EmbeddingOptions.Providers);
        AiProviderClients.AddProviderOptions<EmbeddingOptions>(services, EmbeddingOptions.SectionName, provider);
        services.AddOptions<MiniLmOptions>()
            .BindConfiguration(MiniLmOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Chunks are always sized with MiniLM's WordPiece vocabulary. For a remote model that is only an
        // approximation of its own tokenizer, close enough for sizing chunks well under its context limit.
        services.AddSingleton<MiniLmTokenizer>();
        services.AddSingleton<ITokenCounter>(sp => sp.GetRequiredService<MiniLmTokenizer>());

        if (provider == EmbeddingOptions.MiniLm)
        {
            services.AddSingleton(sp => new MiniLmEmbeddingGenerator(
                sp.GetRequiredService<IOptions<MiniLmOptions>>().Value,
                sp.GetRequiredService<MiniLmTokenizer>(),
                sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value.Precision));
        }

        services.AddEmbeddingGenerator(sp => CreateGenerator(sp, provider))
            .UseOpenTelemetry(sourceName: TelemetrySourceName);
        return builder;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> CreateGenerator(IServiceProvider services, string provider)
    {
        var options = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
        return provider switch
        {
            EmbeddingOptions.Ollama => AiProviderClients.CreateOllama(services, EmbeddingOptions.SectionName, options),
            EmbeddingOptions.OpenAi => AiProviderClients.CreateOpenAi(services, EmbeddingOptions.SectionName, options).GetEmbeddingClient(options.Model).AsIEmbeddingGenerator(),
            _ => services.GetRequiredService<MiniLmEmbeddingGenerator>(),
        };
    }
}
