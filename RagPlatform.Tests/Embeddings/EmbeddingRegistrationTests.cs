using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Chat;
using RagPlatform.Core.Chunking;
using RagPlatform.Core.Embeddings;

namespace RagPlatform.Tests.Embeddings;

public sealed class EmbeddingRegistrationTests
{
    [Fact]
    public void UnknownEmbeddingProviderFailsAtStartNamingTheKeyAndAllowedValues()
    {
        var builder = Builder(("Embeddings:Provider", "bert-large"));

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddRagEmbeddings());

        Assert.Contains("Embeddings:Provider", error.Message);
        Assert.Contains("minilm, ollama, openai", error.Message);
    }

    [Fact]
    public async Task OllamaEmbeddingsWithoutEndpointFailAtStartNamingTheKey()
    {
        var builder = Builder(("Embeddings:Provider", "ollama"), ("Embeddings:Model", "nomic-embed-text"));
        builder.AddRagEmbeddings();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Embeddings:Endpoint", error.Message);
    }

    [Fact]
    public void OllamaEmbeddingsAreWrappedWithTelemetryAndKeepAMiniLmTokenCounter()
    {
        var builder = Builder(
            ("Embeddings:Provider", "ollama"), ("Embeddings:Endpoint", "http://localhost:11434"), ("Embeddings:Model", "nomic-embed-text"));
        builder.AddRagEmbeddings();
        using var host = builder.Build();

        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.NotNull(generator.GetService<OpenTelemetryEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal("ollama", generator.GetService<EmbeddingGeneratorMetadata>()?.ProviderName);
        Assert.IsType<MiniLmTokenizer>(host.Services.GetRequiredService<ITokenCounter>());
    }

    [Fact]
    public async Task DefaultProviderIsTheLocalModelSharingItsTokenizerWithTheChunker()
    {
        var builder = Builder();
        builder.AddRagEmbeddings();
        using var host = builder.Build();
        await host.StartAsync();

        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var embeddings = await generator.GenerateAsync(["hello"]);

        Assert.NotNull(generator.GetService<OpenTelemetryEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal("minilm", generator.GetService<EmbeddingGeneratorMetadata>()?.ProviderName);
        Assert.Equal(384, embeddings[0].Vector.Length);
        Assert.Same(host.Services.GetRequiredService<MiniLmTokenizer>(), host.Services.GetRequiredService<ITokenCounter>());
        await host.StopAsync();
    }

    [Fact]
    public async Task SequenceLengthOverTheModelLimitFailsAtStart()
    {
        var builder = Builder(("Embeddings:MiniLm:MaxSequenceLength", "1024"));
        builder.AddRagEmbeddings();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MaxSequenceLength", error.Message);
    }

    [Fact]
    public async Task LocalModelRunsInInt8UnlessFp32IsConfigured()
    {
        foreach (var (setting, modelId) in new[] { ((string?)null, "all-MiniLM-L6-v2-int8"), ("fp32", "all-MiniLM-L6-v2"), ("INT8", "all-MiniLM-L6-v2-int8") })
        {
            var builder = setting is null ? Builder() : Builder(("Embeddings:Precision", setting));
            builder.AddRagEmbeddings();
            using var host = builder.Build();
            await host.StartAsync();

            var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

            Assert.Equal(modelId, generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task UnknownPrecisionFailsAtStartNamingTheKey()
    {
        var builder = Builder(("Embeddings:Precision", "fp16"));
        builder.AddRagEmbeddings();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Embeddings:Precision", error.Message);
    }

    [Fact]
    public void ChatIsNotRegisteredByDefault()
    {
        var builder = Builder();
        builder.AddRagChat();
        using var host = builder.Build();

        Assert.Null(host.Services.GetService<IChatClient>());
    }

    [Fact]
    public void OpenAiCompatibleChatIsRegisteredWhenConfigured()
    {
        var builder = Builder(
            ("Chat:Provider", "openai"), ("Chat:Endpoint", "http://localhost:8080/v1"), ("Chat:Model", "gpt-4o-mini"), ("Chat:ApiKey", "test"));
        builder.AddRagChat();
        using var host = builder.Build();

        var client = host.Services.GetRequiredService<IChatClient>();

        Assert.NotNull(client.GetService<OpenTelemetryChatClient>());
    }

    [Fact]
    public void UnknownChatProviderFailsAtStartNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder(("Chat:Provider", "gpt")).AddRagChat());

        Assert.Contains("Chat:Provider", error.Message);
    }

    private static HostApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }
}
