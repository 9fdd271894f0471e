using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// How the embedded index ranks (configuration section <c>Retrieval</c>). The defaults are the best measured
/// on SciFact train with all-MiniLM-L6-v2 (docs/benchmarks.md, "Retrieval quality: what we tried").
/// </summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>The k of reciprocal rank fusion.</summary>
    /// <remarks>
    /// 10, not the paper's 60: with documents (not chunks) fused, a smaller k trusts the top of each list more,
    /// and measured better on SciFact train (nDCG@10 0.7263 at k 10 against 0.7204 at k 60).
    /// </remarks>
    [Range(0, 1000)]
    public int RrfK { get; set; } = 10;

    /// <summary>Weight of the dense (vector) list in fusion.</summary>
    [Range(0.0, 10.0)]
    public double DenseWeight { get; set; } = 1.0;

    /// <summary>Weight of the BM25 list in fusion.</summary>
    [Range(0.0, 10.0)]
    public double KeywordWeight { get; set; } = 1.0;

    /// <summary>
    /// BM25 weight of a title match against a body match. A title repeats on every chunk of its document, so
    /// it lifts them all alike: it breaks ties toward the right document.
    /// </summary>
    [Range(0.0, 10.0)]
    public float TitleBoost { get; set; } = 0.5f;

    /// <summary>BM25 term-frequency saturation.</summary>
    [Range(0.0, 10.0)]
    public float Bm25K1 { get; set; } = 1.2f;

    /// <summary>BM25 length normalisation (0 none, 1 full).</summary>
    /// <remarks>0.5 rather than Lucene's 0.75: chunks are already of similar length.</remarks>
    [Range(0.0, 1.0)]
    public float Bm25B { get; set; } = 0.5f;

    /// <summary>
    /// Collapse each retriever's list to one entry per document (its best chunk) before fusion, and return at most
    /// one chunk per document: several chunks of one document then neither crowd the results nor add up.
    /// </summary>
    public bool OneChunkPerDocument { get; set; } = true;

    /// <summary>
    /// Multiplies how many chunks each retriever hands to fusion (<see cref="CandidateDepth"/>): when lists are
    /// collapsed to documents, a deeper chunk list is needed to still hold enough distinct documents.
    /// </summary>
    [Range(1, 20)]
    public int CandidateDepthFactor { get; set; } = 1;
}
