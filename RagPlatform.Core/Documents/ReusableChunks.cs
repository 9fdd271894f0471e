using RagPlatform.Core.Chunking;

namespace RagPlatform.Core.Documents;

/// <summary>The chunks, vectors and page numbers of an already indexed document with the same content, in chunk order.</summary>
public sealed record ReusableChunks(IReadOnlyList<TextChunk> Chunks, IReadOnlyList<ReadOnlyMemory<float>> Embeddings, IReadOnlyList<int?> PageNumbers);
