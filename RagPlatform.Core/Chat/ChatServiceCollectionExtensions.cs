using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RagPlatform.Core.AiProviders;
using RagPlatform.Core.Embeddings;

namespace RagPlatform.Core.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IChatClient"/> from <c>Chat:Provider</c> (<c>ollama</c> or <c>openai</c>). With
    /// <c>none</c>, the default, nothing is registered: callers ask for <c>IChatClient?</c> and answer with sources only.
    /// </summary>
    public static IHostApplicationBuilder AddRagChat(this IHostApplicationBuilder builder)
    {
        var provider = AiProviderClients.ReadProvider(
            builder.Configuration, ChatProviderOptions.SectionName, ChatProviderOptions.None, ChatProviderOptions.Providers);
        AiProviderClients.AddProviderOptions<ChatProviderOptions>(builder.Services, ChatProviderOptions.SectionName, provider);
        if (provider == ChatProviderOptions.None)
        {
            return builder;
        }

        builder.Services.AddChatClient(sp => CreateClient(sp, provider))
            .UseOpenTelemetry(sourceName: EmbeddingServiceCollectionExtensions.TelemetrySourceName);
        return builder;
    }

    private static IChatClient CreateClient(IServiceProvider services, string provider)
    {
        var options = services.GetRequiredService<IOptions<ChatProviderOptions>>().Value;
        return provider == ChatProviderOptions.Ollama
            ? AiProviderClients.CreateOllama(services, ChatProviderOptions.SectionName, options)
            : AiProviderClients.CreateOpenAi(services, ChatProviderOptions.SectionName, options).GetChatClient(options.Model).AsIChatClient();
    }
}
