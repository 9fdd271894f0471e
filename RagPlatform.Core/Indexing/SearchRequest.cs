namespace RagPlatform.Core.Indexing;

/// <summary>One hybrid query: <paramref name="Text"/> feeds BM25, <paramref name="Embedding"/> (normalised) the dense side.</summary>
public sealed record SearchRequest(string Text, ReadOnlyMemory<float> Embedding, int TopK, string? Collection = null);
