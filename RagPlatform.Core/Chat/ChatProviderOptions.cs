using RagPlatform.Core.AiProviders;

namespace RagPlatform.Core.Chat;

/// <summary>
/// Which chat model answers questions (configuration section <c>Chat</c>); <c>none</c> means retrieval only.
/// Named so it does not clash with Microsoft.Extensions.AI's per-request <c>ChatOptions</c>.
/// </summary>
public sealed class ChatProviderOptions : AiProviderOptions
{
    public const string SectionName = "Chat";
    public const string None = "none";
    public const string Ollama = AiProviderClients.Ollama;
    public const string OpenAi = AiProviderClients.OpenAi;

    public static readonly IReadOnlyList<string> Providers = [None, Ollama, OpenAi];

    public ChatProviderOptions() => Provider = None;
}
