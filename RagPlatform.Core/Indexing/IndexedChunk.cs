using RagPlatform.Core.Tenancy;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// A chunk as the index holds it. <paramref name="Embedding"/> is L2-normalised. <paramref name="HeadingPath"/>
/// ("Guide > Install") and <paramref name="PageNumber"/> say where it sits in its source; <paramref name="Metadata"/>
/// is its document's metadata, which searches filter on (with <c>ocr</c> and <c>ocrConfidence</c> added for a chunk
/// recognised from an image, whose <paramref name="OcrConfidence"/> is set: tesseract's mean word confidence as a fraction,
/// (0, 1]). <paramref name="Tenant"/> owns it: a search sees only its own tenant's chunks.
/// </summary>
public sealed record IndexedChunk(
    Guid ChunkId,
    string DocumentId,
    string Collection,
    string Title,
    int Ordinal,
    string Text,
    int StartOffset,
    int EndOffset,
    ReadOnlyMemory<float> Embedding,
    string? HeadingPath = null,
    int? PageNumber = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    string Tenant = Tenants.Default,
    double? OcrConfidence = null);
