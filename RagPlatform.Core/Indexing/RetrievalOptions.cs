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

    /// <summary>
    /// Feedback only when the first pass's best document is at least this likely relevant (<see cref="RelevanceModel"/>):
    /// feedback learns from the first pass's top, which helps when that top is right and drifts when it is not.
    /// </summary>
    [Range(0.0, 1.0)]
    public double FeedbackMinRelevance { get; set; }

    /// <summary>
    /// Feedback only when the query's scope holds at least this many chunks (as far as the first dense pass sees: at
    /// most its candidate depth, 50 to 200). In a small collection every document would be "feedback", the second
    /// pass only repeats the first, and its range-scaled lists turn tiny differences into whole points that outvote an
    /// exact keyword match. 0 lets feedback run at any size.
    /// </summary>
    [Range(0, 100_000)]
    public int FeedbackMinChunks { get; set; } = 1000;

    /// <summary>
    /// BM25 weight of a whole-identifier match (<c>XK-4471-B</c>, <c>0x80070005</c>, <c>v2.3.1</c>, an e-mail address,
    /// a file name) against a word's 1: such a token is also split into words, and this exact field is what tells
    /// <c>XK-4471-B</c> from <c>XK-4471-C</c>. 0 turns the identifier field off at query time.
    /// </summary>
    [Range(0.0, 10.0)]
    public float IdentifierBoost { get; set; } = 1f;

    /// <summary>
    /// Order results by <see cref="RelevanceModel"/>'s probability (also their <see cref="SearchHit.Score"/>) rather than
    /// by the fused score alone. The probability weighs raw cosine and the share of the query's words a document holds,
    /// which a range-scaled fused score loses in a small collection.
    /// </summary>
    public bool RankByRelevance { get; set; } = true;

    /// <summary>Intercept of <see cref="RelevanceModel"/>'s logistic regression.</summary>
    public double RelevanceIntercept { get; set; } = -8.503;

    /// <summary>Coefficient of <see cref="RelevanceFeatures.Cosine"/>.</summary>
    public double RelevanceCosineWeight { get; set; } = 1.121;

    /// <summary>Coefficient of <see cref="RelevanceFeatures.KeywordShare"/>.</summary>
    public double RelevanceKeywordWeight { get; set; } = 0.286;

    /// <summary>Coefficient of <see cref="RelevanceFeatures.Fused"/>.</summary>
    public double RelevanceFusedWeight { get; set; } = 7.977;

    /// <summary>Coefficient of <see cref="RelevanceFeatures.Agreement"/>.</summary>
    public double RelevanceAgreementWeight { get; set; } = -0.123;

    /// <summary>Coefficient of <see cref="RelevanceFeatures.RareTerm"/>.</summary>
    public double RelevanceRareTermWeight { get; set; } = 0.345;

    /// <summary>
    /// No feedback when the query holds a term (a word or a whole identifier) that at most this many chunks hold: such a
    /// query names what it wants (a part number, an error code, a rare word), and feedback from the first pass's other
    /// documents would only pull in look-alikes. 0 leaves feedback to the other conditions.
    /// </summary>
    [Range(0, 1000)]
    public int FeedbackRareTermChunks { get; set; } = 2;
}

/// <summary>See <see cref="RetrievalOptions.Fusion"/>.</summary>
public enum FusionMethod
{
    /// <summary><see cref="ReciprocalRankFusion"/> (and <see cref="DocumentFusion"/>): ranks only.</summary>
    Rrf,

    /// <summary><see cref="ConvexFusion"/>: scores scaled to each list's range, weighted mean; needs <see cref="RetrievalOptions.OneChunkPerDocument"/>.</summary>
    Convex,
}
