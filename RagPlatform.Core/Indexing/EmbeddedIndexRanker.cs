using System.Numerics.Tensors;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// How the embedded index answers a query: a dense scan and a BM25 list, fused (<see cref="RetrievalOptions.Fusion"/>;
/// by document, each at its best chunk, unless <see cref="RetrievalOptions.OneChunkPerDocument"/> is off), then for a
/// hybrid query a pseudo-relevance feedback pass whose two lists join the first pass's in the same fusion. Reads only:
/// what it ranks is the <see cref="EmbeddedIndexStore"/>'s.
/// </summary>
internal sealed class EmbeddedIndexRanker(RetrievalOptions options)
{
    public IReadOnlyList<SearchHit> Search(SearchRequest request, EmbeddedIndexStore store)
    {
        var useDense = !request.Embedding.IsEmpty;
        var useKeyword = !string.IsNullOrWhiteSpace(request.Text);
        if (useDense && store.Dimension is { } d && request.Embedding.Length != d)
        {
            throw new ArgumentException($"The query embedding has {request.Embedding.Length} dimensions; the index holds {d}.", nameof(request));
        }

        if (request.TopK == 0 || (!useDense && !useKeyword))
        {
            return [];
        }

        var depth = CandidateDepth.For(request.TopK) * options.CandidateDepthFactor;
        var denseSlots = useDense ? new int[depth] : [];
        var denseScores = useDense ? new float[depth] : [];
        var keywordSlots = useKeyword ? new int[depth] : [];

        using var reader = store.Read();
        var slots = reader.Slots;
        var keyword = reader.Keyword;
        // Scopes are read under the lock: a tenant published meanwhile must not slip past the single-tenant fast path.
        if (slots is null || !reader.TryScope(request, out var allowedScopes, out var keywordScope))
        {
            return [];
        }

        var keywordScores = useKeyword ? new float[depth] : [];
        var denseCount = useDense ? slots.Search(request.Embedding.Span, allowedScopes, denseSlots, denseScores, request.Filter) : 0;
        var keywordCount = useKeyword ? keyword.Search(request.Text, keywordScope, keywordSlots, request.Filter, scores: keywordScores) : 0;
        // Only the retrievers asked enter fusion: an asked one that found nothing still weighs in a convex mean.
        var lists = new List<ScoredList<int>>(4);
        if (useDense)
        {
            lists.Add(Scored(Retrievers.Dense, denseSlots, denseScores, denseCount, options.DenseWeight));
        }

        if (useKeyword)
        {
            lists.Add(Scored(Retrievers.Keyword, keywordSlots, keywordScores, keywordCount, options.KeywordWeight));
        }

        var fused = Fuse(slots, lists, request.TopK);
        var listWeights = (useDense ? options.DenseWeight : 0) + (useKeyword ? options.KeywordWeight : 0);
        var statistics = useKeyword ? keyword.Statistics(request.Text) : default;
        // Only a rare term marks documents apart: holding a term most chunks hold says nothing.
        var holdingRarest = statistics.Rarest is not null && statistics.RarestFrequency <= depth ? new int[statistics.RarestFrequency] : [];
        var holding = holdingRarest.Length > 0 ? keyword.Holding(statistics.Rarest!, keywordScope, holdingRarest, request.Filter) : 0;
        var relevance = new RelevanceScorer(slots, request.Embedding.Span, Scored(Retrievers.Dense, denseSlots, denseScores, denseCount, 0),
            Scored(Retrievers.Keyword, keywordSlots, keywordScores, keywordCount, 0), statistics.Reference, holdingRarest.AsSpan(0, holding));
        // Feedback needs both retrievers: its documents are the fused ones, so each side learns from what the other
        // found (and a one-retriever query, such as keyword-only while embeddings are down, stays an exact single pass).
        // A small scope gets none (RetrievalOptions.FeedbackMinChunks); the dense pass, which returns every chunk of a
        // scope smaller than its depth, is what says how small.
        if (useDense && useKeyword && options.FeedbackDocuments > 0 && fused.Count > 0 && denseCount >= Math.Min(options.FeedbackMinChunks, depth)
            && (statistics.Rarest is null || statistics.RarestFrequency > options.FeedbackRareTermChunks)
            && (options.FeedbackMinRelevance <= 0 || FirstPassRelevance(fused, relevance, listWeights) >= options.FeedbackMinRelevance))
        {
            var feedback = new int[Math.Min(options.FeedbackDocuments, fused.Count)];
            for (var i = 0; i < feedback.Length; i++)
            {
                feedback[i] = fused[i].Item;
            }

            var before = lists.Count;
            if (options.DenseFeedbackWeight > 0)
            {
                var expanded = Rocchio(slots, request.Embedding.Span, feedback, options.DenseFeedbackWeight);
                var found = slots.Search(expanded, allowedScopes, denseSlots = new int[depth], denseScores = new float[depth], request.Filter);
                lists.Add(Scored(Retrievers.Dense, denseSlots, denseScores, found, options.DenseWeight * options.FeedbackListWeight));
            }

            if (options.KeywordFeedbackTerms > 0)
            {
                var texts = feedback.Select(slot => slots.ChunkAt(slot)?.Text ?? string.Empty);
                var expansion = keyword.FeedbackTerms(request.Text, texts, options.KeywordFeedbackTerms, options.KeywordFeedbackWeight);
                var found = keyword.Search(request.Text, keywordScope, keywordSlots = new int[depth], request.Filter, expansion, keywordScores = new float[depth]);
                lists.Add(Scored(Retrievers.Keyword, keywordSlots, keywordScores, found, options.KeywordWeight * options.FeedbackListWeight));
            }

            for (var i = before; i < lists.Count; i++)
            {
                listWeights += lists[i].Weight;
            }

            if (lists.Count > before)
            {
                fused = Fuse(slots, lists, request.TopK);
            }
        }

        return Hits(slots, fused, request, listWeights, relevance);
    }

    private double FirstPassRelevance(IReadOnlyList<FusedItem<int>> fused, RelevanceScorer relevance, double listWeights)
    {
        var best = 0.0;
        foreach (var item in fused.Take(options.FeedbackDocuments))
        {
            best = Math.Max(best, RelevanceModel.Probability(relevance.Features(item.Item, FusedValue(item, listWeights)), options));
        }

        return best;
    }

    private double FusedValue(FusedItem<int> item, double listWeights) => options.Fusion == FusionMethod.Convex
        ? item.Score
        : FusedScore.Normalise(item.Score, 1.0 / (options.RrfK + 1), listWeights);

    private List<SearchHit> Hits(ChunkSlots slots, IReadOnlyList<FusedItem<int>> fused, SearchRequest request, double listWeights, RelevanceScorer relevance)
    {
        var scored = new List<(FusedItem<int> Item, double Score, RelevanceFeatures Features)>(fused.Count);
        foreach (var item in fused)
        {
            var features = relevance.Features(item.Item, FusedValue(item, listWeights));
            scored.Add((item, options.RankByRelevance ? RelevanceModel.Probability(features, options) : features.Fused, features));
        }

        if (options.RankByRelevance)
        {
            // Stable, so equal probabilities keep the fused order.
            scored = [.. scored.OrderByDescending(static s => s.Score)];
        }

        var hits = new List<SearchHit>(Math.Min(request.TopK, scored.Count));
        foreach (var (item, score, features) in scored)
        {
            // Scored items come best first: once one is below the threshold, so is the rest.
            if (hits.Count == request.TopK || score < request.MinScore)
            {
                break;
            }

            // Both sides read the same published state, so a missing chunk is only a safety net.
            if (slots.ChunkAt(item.Item) is { } chunk)
            {
                hits.Add(new SearchHit(chunk.ChunkId, chunk.DocumentId, chunk.Title, chunk.Text, chunk.Ordinal, score, item.FoundBy,
                    chunk.StartOffset, chunk.EndOffset, chunk.HeadingPath, chunk.PageNumber, features, chunk.OcrConfidence));
            }
        }

        return hits;
    }

    private IReadOnlyList<FusedItem<int>> Fuse(ChunkSlots slots, List<ScoredList<int>> lists, int topK)
    {
        if (options.Fusion == FusionMethod.Convex && options.OneChunkPerDocument)
        {
            return ConvexFusion.Fuse(lists, slot => slots.ChunkAt(slot)?.DocumentId, topK);
        }

        var ranked = lists.ConvertAll(static list => new RankedList<int>(list.Retriever, list.Items, list.Weight));
        return options.OneChunkPerDocument
            ? DocumentFusion.Fuse(ranked, slot => slots.ChunkAt(slot)?.DocumentId, options.RrfK, topK)
            : ReciprocalRankFusion.Fuse(ranked, options.RrfK);
    }

    /// <remarks>A list shorter than its arrays holds every match: <see cref="ScoredList{TKey}.Exhaustive"/>.</remarks>
    private static ScoredList<int> Scored(Retrievers retriever, int[] slots, float[] scores, int count, double weight) =>
        new(retriever, new ArraySegment<int>(slots, 0, count), new ArraySegment<float>(scores, 0, count), weight, count < slots.Length);

    /// <summary>Rocchio's update: the query plus <paramref name="weight"/> times the mean of the feedback vectors, unit length.</summary>
    private static float[] Rocchio(ChunkSlots slots, ReadOnlySpan<float> query, int[] feedback, double weight)
    {
        var expanded = query.ToArray();
        var scale = (float)(weight / feedback.Length);
        foreach (var slot in feedback)
        {
            TensorPrimitives.MultiplyAdd(slots.VectorAt(slot), scale, expanded, expanded);
        }

        var norm = TensorPrimitives.Norm(expanded);
        if (norm > 0)
        {
            TensorPrimitives.Divide(expanded, norm, expanded);
        }

        return expanded;
    }
}
