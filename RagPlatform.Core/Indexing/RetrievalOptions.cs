using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// How the embedded index ranks (configuration section <c>Retrieval</c>). The defaults are the best measured
/// on SciFact train with all-MiniLM-L6-v2 (docs/benchmarks.md, "Retrieval quality: what we tried" and its
/// third pass, where feedback and convex fusion were added). The Qdrant backend fuses server-side and uses none of these.
/// </summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>How the retrievers' lists are fused: by rank (RRF) or by normalised score (convex combination).</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Convex;

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

    /// <summary>
    /// Pseudo-relevance feedback: how many of the first pass's best documents (after fusion) feed a second pass of
    /// both retrievers. 0 turns feedback off (one pass). The feedback documents are the fused ones, so each retriever
    /// learns from what the other found; a query that asks one retriever only is searched in one pass.
    /// </summary>
    [Range(0, 50)]
    public int FeedbackDocuments { get; set; } = 5;

    /// <summary>
    /// Rocchio weight of the feedback documents' vectors in the second dense query: the query vector plus this
    /// times their mean (each document's best chunk), normalised again. 0 leaves the dense side as it was.
    /// </summary>
    [Range(0.0, 10.0)]
    public double DenseFeedbackWeight { get; set; } = 1.0;

    /// <summary>
    /// Weight of the second pass's lists in the final fusion, relative to their retriever's weight; the first pass's lists
    /// stay in it, so feedback adds candidates (recall) without overturning the first pass's top.
    /// </summary>
    [Range(0.0, 10.0)]
    public double FeedbackListWeight { get; set; } = 1.0;

    /// <summary>How many expansion terms the feedback documents add to the second BM25 query (0: none).</summary>
    [Range(0, 100)]
    public int KeywordFeedbackTerms { get; set; } = 20;

    /// <summary>Boost of the strongest expansion term against a query term's 1; the others scale down by their weight.</summary>
    [Range(0.0, 10.0)]
    public float KeywordFeedbackWeight { get; set; } = 0.5f;
}

/// <summary>See <see cref="RetrievalOptions.Fusion"/>.</summary>
public enum FusionMethod
{
    /// <summary><see cref="ReciprocalRankFusion"/> (and <see cref="DocumentFusion"/>): ranks only.</summary>
    Rrf,

    /// <summary><see cref="ConvexFusion"/>: scores scaled to each list's range, weighted mean; needs <see cref="RetrievalOptions.OneChunkPerDocument"/>.</summary>
    Convex,
}
