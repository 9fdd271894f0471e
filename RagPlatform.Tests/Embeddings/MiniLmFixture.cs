using RagPlatform.Core.Embeddings;

namespace RagPlatform.Tests.Embeddings;

/// <summary>Loads the model once per test class: it takes about a second.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmEmbeddingGenerator Generator { get; } = new(new MiniLmOptions { MaxBatchSize = 8 });

    public void Dispose() => Generator.Dispose();
}
