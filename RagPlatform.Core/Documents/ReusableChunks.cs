using RagPlatform.Core.Chunking;

namespace RagPlatform.Core.Documents;

/// <summary>The chunks, vectors, page numbers and OCR confidences of an already indexed document with the same content, in chunk order.</summary>
public sealed record ReusableChunks(
    IReadOnlyList<TextChunk> Chunks, IReadOnlyList<ReadOnlyMemory<float>> Embeddings, IReadOnlyList<int?> PageNumbers, IReadOnlyList<double?> OcrConfidence);
