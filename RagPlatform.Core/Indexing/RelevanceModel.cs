namespace RagPlatform.Core.Indexing;

/// <summary>
/// A probability that a document is relevant, by logistic regression over <see cref="RelevanceFeatures"/>, with the
/// coefficients of <see cref="RetrievalOptions"/> (fitted on SciFact train by the bench's <c>calibrate</c> command).
/// Raw cosine and the keyword share do not depend on the collection's size or on the other candidates, so the
/// probability means the same in a collection of five documents as in one of five thousand, unlike a range-scaled score.
/// </summary>
public static class RelevanceModel
{
    public static double Probability(RelevanceFeatures features, RetrievalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logit = options.RelevanceIntercept
            + (options.RelevanceCosineWeight * features.Cosine)
            + (options.RelevanceKeywordWeight * Math.Min(features.KeywordShare, MaxKeywordShare))
            + (options.RelevanceFusedWeight * features.Fused)
            + (options.RelevanceAgreementWeight * features.Agreement)
            + (options.RelevanceRareTermWeight * features.RareTerm);
        return 1 / (1 + Math.Exp(-logit));
    }

    /// <summary>A long document can hold each term many times; past twice the reference, more is not more relevant.</summary>
    public const double MaxKeywordShare = 2;
}
