using RagPlatform.Core.Indexing;

namespace RagPlatform.Bench.Tuning;

/// <summary>The variants the tune command measures, in the order of docs/benchmarks.md's table.</summary>
public static class TuneVariants
{
    public static IReadOnlyList<TuneVariant> All { get; } = Build();

    private static List<TuneVariant> Build()
    {
        // The settings before tuning, spelled out: the defaults of RetrievalOptions are the tuned ones.
        // Rows before issue 11 keep what they measured: no identifier field, no relevance ranking, feedback at any size.
        var before = new RetrievalOptions { RrfK = 60, TitleBoost = 0.5f, Bm25K1 = 1.2f, Bm25B = 0.75f, OneChunkPerDocument = false };
        BeforeIssue11(before);
        var variants = new List<TuneVariant>
        {
            new("bm25 only (chunks 200/30)", 200, 30, false, before, Dense: false),
            new("dense only (chunks 200/30)", 200, 30, false, before, Keyword: false),
            new("baseline: rrf k60, chunks 200/30", 200, 30, false, before),
            new("dense only, title in embedding", 200, 30, true, before, Keyword: false),
            new("+ title in embedding", 200, 30, true, before),
            new("+ one chunk per document", 200, 30, true, With(before, o => o.OneChunkPerDocument = true)),
            new("+ one chunk per document, depth x2", 200, 30, true, With(before, o => { o.OneChunkPerDocument = true; o.CandidateDepthFactor = 2; })),
            new("+ one chunk per document, depth x3", 200, 30, true, With(before, o => { o.OneChunkPerDocument = true; o.CandidateDepthFactor = 3; })),
            new("one chunk per document, no title in embedding", 200, 30, false, With(before, o => { o.OneChunkPerDocument = true; o.CandidateDepthFactor = 2; })),
        };

        var best = With(before, o => { o.OneChunkPerDocument = true; o.CandidateDepthFactor = 2; });
        foreach (var k in new[] { 20, 40, 100 })
        {
            variants.Add(new($"  rrf k {k}", 200, 30, true, With(best, o => o.RrfK = k)));
        }

        foreach (var boost in new[] { 0f, 1f, 2f })
        {
            variants.Add(new($"  title boost {boost}", 200, 30, true, With(best, o => o.TitleBoost = boost)));
        }

        foreach (var (k1, b) in new[] { (0.9f, 0.4f), (1.2f, 0.5f), (1.5f, 0.75f) })
        {
            variants.Add(new($"  bm25 k1 {k1} b {b}", 200, 30, true, With(best, o => { o.Bm25K1 = k1; o.Bm25B = b; })));
        }

        foreach (var (dense, keyword) in new[] { (1.2, 1.0), (1.0, 1.2), (0.8, 1.0) })
        {
            variants.Add(new($"  weights dense {dense} keyword {keyword}", 200, 30, true, With(best, o => { o.DenseWeight = dense; o.KeywordWeight = keyword; })));
        }

        foreach (var k in new[] { 5, 10, 20 })
        {
            variants.Add(new($"combined: one chunk per document, rrf k {k}, bm25 b 0.5", 200, 30, true,
                With(before, o => { o.OneChunkPerDocument = true; o.RrfK = k; o.Bm25B = 0.5f; })));
            variants.Add(new($"combined: one chunk per document, rrf k {k}", 200, 30, true,
                With(before, o => { o.OneChunkPerDocument = true; o.RrfK = k; })));
        }

        // Around the RRF defaults shipped before feedback and convex fusion, title in the embedding as EmbedStep does
        // (the "shipped" rows of docs/benchmarks.md up to the int8 section; "shipped defaults" is RetrievalOptions as it is now).
        var shipped = new RetrievalOptions
        {
            Fusion = FusionMethod.Rrf, FeedbackDocuments = 0, DenseFeedbackWeight = 0, KeywordFeedbackTerms = 0, FeedbackListWeight = 0.5,
        };
        BeforeIssue11(shipped);
        variants.Add(new("shipped defaults", 200, 30, true, new RetrievalOptions()));
        variants.Add(new("shipped defaults before issue 11", 200, 30, true, With(new RetrievalOptions(), BeforeIssue11)));
        variants.Add(new("rrf defaults, no feedback", 200, 30, true, shipped));
        foreach (var boost in new[] { 0.3f, 0.7f })
        {
            variants.Add(new($"  shipped, title boost {boost}", 200, 30, true, With(shipped, o => o.TitleBoost = boost)));
        }

        foreach (var (k1, b) in new[] { (0.9f, 0.5f), (1.5f, 0.5f), (1.2f, 0.3f), (1.2f, 0.4f) })
        {
            variants.Add(new($"  shipped, bm25 k1 {k1} b {b}", 200, 30, true, With(shipped, o => { o.Bm25K1 = k1; o.Bm25B = b; })));
        }

        foreach (var dense in new[] { 0.8, 1.2 })
        {
            variants.Add(new($"  shipped, dense weight {dense}", 200, 30, true, With(shipped, o => o.DenseWeight = dense)));
        }

        variants.Add(new("  shipped, depth x2", 200, 30, true, With(shipped, o => o.CandidateDepthFactor = 2)));

        // Issue 4 with the int8 model: the fusion constant, BM25, weights, candidate depth (the second-chunk rows: commit 175a8a4).
        foreach (var k in new[] { 0, 5, 20, 30, 60 })
        {
            variants.Add(new($"int8: rrf k {k}", 200, 30, true, With(shipped, o => o.RrfK = k)));
        }

        foreach (var (k1, b) in new[] { (0.9f, 0.4f), (1.5f, 0.5f), (1.2f, 0.75f), (2.0f, 0.5f), (1.2f, 0.3f) })
        {
            variants.Add(new($"int8: bm25 k1 {k1} b {b}", 200, 30, true, With(shipped, o => { o.Bm25K1 = k1; o.Bm25B = b; })));
        }

        foreach (var (dense, keyword) in new[] { (1.2, 1.0), (1.0, 1.2) })
        {
            variants.Add(new($"int8: weights dense {dense} keyword {keyword}", 200, 30, true, With(shipped, o => { o.DenseWeight = dense; o.KeywordWeight = keyword; })));
        }

        foreach (var factor in new[] { 2, 3, 5 })
        {
            variants.Add(new($"int8: depth x{factor}", 200, 30, true, With(shipped, o => o.CandidateDepthFactor = factor)));
        }

        // Chunk size: smaller passages for claim-like queries, or near the model's 256-token training length.
        foreach (var (max, overlap) in new[] { (128, 20), (256, 30) })
        {
            variants.Add(new($"int8: chunks {max}/{overlap}", max, overlap, true, shipped));
        }

        // Pseudo-relevance feedback: a second pass of both retrievers, informed by the first pass's fused top documents,
        // fused together with the first pass's lists (the second pass's weighing w against 1).
        foreach (var (n, beta, w) in new[] { (3, 0.5, 0.5), (3, 1.0, 0.5), (3, 1.0, 1.0), (5, 1.0, 0.5), (5, 1.0, 1.0), (10, 1.0, 0.5) })
        {
            variants.Add(new($"int8: prf dense n {n} beta {beta} w {w}", 200, 30, true,
                With(shipped, o => { o.FeedbackDocuments = n; o.DenseFeedbackWeight = beta; o.FeedbackListWeight = w; })));
        }

        foreach (var (n, terms, boost, w) in new[] { (3, 10, 0.5f, 0.5), (5, 20, 0.5f, 0.5), (5, 20, 0.5f, 1.0) })
        {
            variants.Add(new($"int8: prf keyword n {n} terms {terms} boost {boost} w {w}", 200, 30, true,
                With(shipped, o => { o.FeedbackDocuments = n; o.KeywordFeedbackTerms = terms; o.KeywordFeedbackWeight = boost; o.FeedbackListWeight = w; })));
        }

        foreach (var (n, beta, terms, w) in new[] { (3, 1.0, 10, 0.5), (5, 1.0, 20, 0.5), (5, 1.0, 20, 1.0) })
        {
            variants.Add(new($"int8: prf both n {n} beta {beta} terms {terms} w {w}", 200, 30, true,
                With(shipped, o => { o.FeedbackDocuments = n; o.DenseFeedbackWeight = beta; o.KeywordFeedbackTerms = terms; o.FeedbackListWeight = w; })));
        }

        // Convex combination of normalised scores instead of RRF; the dense weight is the alpha against keyword 1 - alpha.
        foreach (var alpha in new[] { 0.3, 0.4, 0.5, 0.6, 0.7 })
        {
            variants.Add(new($"int8: convex alpha {alpha}", 200, 30, true,
                With(shipped, o => { o.Fusion = FusionMethod.Convex; o.DenseWeight = alpha; o.KeywordWeight = 1 - alpha; })));
        }

        foreach (var (alpha, n, beta, terms, w) in new[] { (0.5, 5, 1.0, 20, 0.5), (0.5, 5, 1.0, 20, 1.0), (0.6, 5, 1.0, 20, 0.5), (0.6, 3, 1.0, 10, 0.5), (0.6, 5, 1.0, 0, 0.5), (0.6, 5, 0.0, 20, 0.5), (0.5, 3, 1.0, 10, 0.5), (0.5, 3, 1.0, 10, 1.0), (0.5, 5, 1.0, 10, 1.0), (0.55, 5, 1.0, 20, 1.0), (0.5, 5, 0.5, 20, 1.0), (0.5, 10, 1.0, 20, 1.0), (0.6, 3, 1.0, 10, 1.0) })
        {
            variants.Add(new($"int8: convex+prf alpha {alpha} n {n} beta {beta} terms {terms} w {w}", 200, 30, true,
                With(shipped, o =>
                {
                    o.Fusion = FusionMethod.Convex; o.DenseWeight = alpha; o.KeywordWeight = 1 - alpha;
                    o.FeedbackDocuments = n; o.DenseFeedbackWeight = beta; o.KeywordFeedbackTerms = terms; o.FeedbackListWeight = w;
                })));
        }

        // Issue 11: feedback left out where it cannot help (a query naming a rare term or identifier, a first pass not
        // confident enough); "shipped defaults" above skips it for terms held by at most 2 chunks, and ranks by relevance.
        foreach (var chunks in new[] { 0, 1, 5, 20 })
        {
            variants.Add(new($"relevance: feedback rare-term chunks {chunks}", 200, 30, true, With(new RetrievalOptions(), o => o.FeedbackRareTermChunks = chunks)));
        }

        foreach (var minimum in new[] { 0.05, 0.1, 0.2 })
        {
            variants.Add(new($"relevance: feedback min relevance {minimum}", 200, 30, true, With(new RetrievalOptions(), o => o.FeedbackMinRelevance = minimum)));
        }

        variants.Add(new("relevance: ranked by fused score", 200, 30, true, With(new RetrievalOptions(), o => o.RankByRelevance = false)));
        variants.Add(new("relevance: no identifier field", 200, 30, true, With(new RetrievalOptions(), o => o.IdentifierBoost = 0)));
        variants.Add(new("relevance: identifier boost 2", 200, 30, true, With(new RetrievalOptions(), o => o.IdentifierBoost = 2)));

        return variants;
    }

    private static void BeforeIssue11(RetrievalOptions options)
    {
        options.IdentifierBoost = 0;
        options.RankByRelevance = false;
        options.FeedbackMinChunks = 0;
        options.FeedbackRareTermChunks = 0;
    }

    /// <summary>A copy of <paramref name="source"/> with <paramref name="change"/> made.</summary>
    internal static RetrievalOptions With(RetrievalOptions source, Action<RetrievalOptions> change)
    {
        var copy = new RetrievalOptions
        {
            RrfK = source.RrfK,
            DenseWeight = source.DenseWeight,
            KeywordWeight = source.KeywordWeight,
            TitleBoost = source.TitleBoost,
            Bm25K1 = source.Bm25K1,
            Bm25B = source.Bm25B,
            OneChunkPerDocument = source.OneChunkPerDocument,
            CandidateDepthFactor = source.CandidateDepthFactor,
            FeedbackDocuments = source.FeedbackDocuments,
            DenseFeedbackWeight = source.DenseFeedbackWeight,
            KeywordFeedbackTerms = source.KeywordFeedbackTerms,
            KeywordFeedbackWeight = source.KeywordFeedbackWeight,
            FeedbackListWeight = source.FeedbackListWeight,
            Fusion = source.Fusion,
            FeedbackMinChunks = source.FeedbackMinChunks,
            FeedbackMinRelevance = source.FeedbackMinRelevance,
            FeedbackRareTermChunks = source.FeedbackRareTermChunks,
            IdentifierBoost = source.IdentifierBoost,
            RankByRelevance = source.RankByRelevance,
            RelevanceIntercept = source.RelevanceIntercept,
            RelevanceCosineWeight = source.RelevanceCosineWeight,
            RelevanceKeywordWeight = source.RelevanceKeywordWeight,
            RelevanceFusedWeight = source.RelevanceFusedWeight,
            RelevanceAgreementWeight = source.RelevanceAgreementWeight,
            RelevanceRareTermWeight = source.RelevanceRareTermWeight,
        };
        change(copy);
        return copy;
    }
}
