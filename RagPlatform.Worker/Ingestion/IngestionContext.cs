using RagPlatform.Core.Chunking;
using RagPlatform.Core.Extraction;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Worker.Ingestion;

/// <summary>What the steps hand each other while one document goes through the pipeline.</summary>
public sealed class IngestionContext(IngestionJob job)
{
    public IngestionJob Job { get; } = job;

    public ExtractedText? Extracted { get; set; }

    public IReadOnlyList<TextChunk> Chunks { get; set; } = [];

    /// <summary>One normalised vector per chunk, in chunk order.</summary>
    public IReadOnlyList<ReadOnlyMemory<float>> Embeddings { get; set; } = [];

    /// <summary>The page each chunk starts on, for paged formats (PDF); empty otherwise.</summary>
    public IReadOnlyList<int?> PageNumbers { get; set; } = [];

    /// <summary>Per chunk, the OCR confidence of the page it starts on when that page was recognised from an image; empty when none was.</summary>
    public IReadOnlyList<double?> OcrConfidence { get; set; } = [];

    /// <summary>Steps whose work is already done (the chunks of identical content were reused).</summary>
    public HashSet<string> Satisfied { get; } = new(StringComparer.Ordinal);

    /// <summary>The title to show: the uploader's, else the content's own (first heading), else the file name, else the id.</summary>
    public string Title => Job.Title ?? Extracted?.Title ?? Job.FileName ?? Tenants.DocumentId(Job.DocumentId);

    /// <summary>The title chunks are embedded with: a real one only (the uploader's or the content's), never a file name or id.</summary>
    public string? EmbeddingTitle => Job.Title ?? Extracted?.Title;
}
