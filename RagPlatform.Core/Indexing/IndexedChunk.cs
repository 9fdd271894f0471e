namespace RagPlatform.Core.Indexing;

/// <summary>A chunk as the index holds it. <paramref name="Embedding"/> is L2-normalised.</summary>
public sealed record IndexedChunk(
    Guid ChunkId,
    string DocumentId,
    string Collection,
    string Title,
    int Ordinal,
    string Text,
    int StartOffset,
    int EndOffset,
    ReadOnlyMemory<float> Embedding);
