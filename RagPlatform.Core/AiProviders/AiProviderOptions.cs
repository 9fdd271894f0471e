namespace RagPlatform.Core.AiProviders;

/// <summary>Where a model is served from: the shape shared by the <c>Embeddings</c> and <c>Chat</c> sections.</summary>
public abstract class AiProviderOptions
{
    /// <summary>Which backend serves the model; the allowed values depend on the section.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>Base address of an Ollama server or an OpenAI-compatible API (OpenAI's own when empty).</summary>
    public Uri? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>Key for an OpenAI-compatible API; keep it in user secrets or the environment, not in appsettings.</summary>
    public string? ApiKey { get; set; }
}
