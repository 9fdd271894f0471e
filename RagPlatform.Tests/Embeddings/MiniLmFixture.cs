using RagPlatform.Core.Embeddings;

namespace RagPlatform.Tests.Embeddings;

/// <summary>
/// Loads the fp32 model once per test class (about a second): its vectors are sentence-transformers' own, exact to
/// float rounding. The int8 model is held to closeness with these, in <see cref="MiniLmInt8Tests"/>.
/// </summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmEmbeddingGenerator Generator { get; } = new(new MiniLmOptions { MaxBatchSize = 8 }, precision: EmbeddingPrecision.Fp32);

    public void Dispose() => Generator.Dispose();
}
