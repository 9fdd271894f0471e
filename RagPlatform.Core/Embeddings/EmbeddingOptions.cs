using System.ComponentModel.DataAnnotations;
using RagPlatform.Core.AiProviders;

namespace RagPlatform.Core.Embeddings;

/// <summary>Which embedding model to use (configuration section <c>Embeddings</c>).</summary>
public sealed class EmbeddingOptions : AiProviderOptions
{
    public const string SectionName = "Embeddings";
    public const string MiniLm = MiniLmEmbeddingGenerator.ProviderName;
    public const string Ollama = AiProviderClients.Ollama;
    public const string OpenAi = AiProviderClients.OpenAi;

    public static readonly IReadOnlyList<string> Providers = [MiniLm, Ollama, OpenAi];

    public const EmbeddingPrecision DefaultPrecision = EmbeddingPrecision.Int8;

    public EmbeddingOptions() => Provider = MiniLm;

    /// <summary><c>int8</c> or <c>fp32</c>: how the in-process MiniLM model computes; other providers ignore it.</summary>
    [EnumDataType(typeof(EmbeddingPrecision))]
    public EmbeddingPrecision Precision { get; set; } = DefaultPrecision;
}
