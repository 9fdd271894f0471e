using Microsoft.Extensions.Configuration;

namespace RagPlatform.AppHost.Models;

public static class ChatModelExtensions
{
    /// <summary>
    /// Hands the AppHost's chat-model settings (section "Chat": Provider none|ollama|openai, Endpoint,
    /// Model) to a service, with the API key from the secret parameter <c>chat-apikey</c> when one is
    /// needed. With Provider none (the default) nothing is passed and answers stay extractive.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithChatModel(this IResourceBuilder<ProjectResource> service)
    {
        var builder = service.ApplicationBuilder;
        var chat = builder.Configuration.GetSection("Chat");
        var provider = chat["Provider"] ?? "none";
        if (string.Equals(provider, "none", StringComparison.OrdinalIgnoreCase))
        {
            return service;
        }

        service.WithEnvironment("Chat__Provider", provider);
        if (chat["Endpoint"] is { Length: > 0 } endpoint)
        {
            service.WithEnvironment("Chat__Endpoint", endpoint);
        }
        if (chat["Model"] is { Length: > 0 } model)
        {
            service.WithEnvironment("Chat__Model", model);
        }
        if (string.Equals(provider, "openai", StringComparison.OrdinalIgnoreCase))
        {
            var apiKey = builder.AddParameter("chat-apikey", secret: true);
            service.WithEnvironment("Chat__ApiKey", apiKey);
        }
        return service;
    }
}
