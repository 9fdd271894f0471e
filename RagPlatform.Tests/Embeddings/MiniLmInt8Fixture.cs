using RagPlatform.Core.Embeddings;

namespace RagPlatform.Tests.Embeddings;

/// <summary>The int8 model beside the fp32 one, each loaded once for the test class.</summary>
public sealed class MiniLmInt8Fixture : IDisposable
{
    public MiniLmEmbeddingGenerator Fp32 { get; } = new(new MiniLmOptions { MaxBatchSize = 8 }, precision: EmbeddingPrecision.Fp32);

    public MiniLmEmbeddingGenerator Int8 { get; } = new(new MiniLmOptions { MaxBatchSize = 8 }, precision: EmbeddingPrecision.Int8);

    public void Dispose()
    {
        Fp32.Dispose();
        Int8.Dispose();
    }
}
