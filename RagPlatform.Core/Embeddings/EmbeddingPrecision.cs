namespace RagPlatform.Core.Embeddings;

/// <summary>How the in-process MiniLM model computes (configuration <c>Embeddings:Precision</c>).</summary>
public enum EmbeddingPrecision
{
    /// <summary>Weights of the matrix multiplications quantized to int8 when the model loads (see docs/benchmarks.md).</summary>
    Int8,

    /// <summary>The model exactly as its package ships it.</summary>
    Fp32,
}
