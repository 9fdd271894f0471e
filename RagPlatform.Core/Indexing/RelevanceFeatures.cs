namespace RagPlatform.Core.Indexing;

/// <summary>
/// What the embedded index's retrievers already know about one returned document, the inputs of <see cref="RelevanceModel"/>.
/// </summary>
/// <param name="Cosine">Raw cosine between the query and the document's best chunk (0 when the query had no embedding).</param>
/// <param name="KeywordShare">
/// The document's first-pass BM25 score over what a chunk holding every query term once would score
/// (<see cref="KeywordQueryStatistics.Reference"/>): about 1 for a document that has all the query's words, 0 for none.
/// </param>
/// <param name="Fused">The fused score the ranking was built on (convex mean of range-scaled scores, or normalised RRF).</param>
/// <param name="Agreement">1 when both first-pass retrievers returned the document, else 0.</param>
/// <param name="RareTerm">
/// 1 when the document holds the query's rarest term (a word or a whole identifier, <see cref="KeywordQueryStatistics.Rarest"/>),
/// else 0: what tells <c>XK-4471-B</c>'s document from its siblings', whatever the other features say.
/// </param>
public readonly record struct RelevanceFeatures(double Cosine, double KeywordShare, double Fused, double Agreement, double RareTerm = 0);
