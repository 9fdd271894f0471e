using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// The embedded index's second pass: the first pass's best documents reshape the query on both sides, so a passage
/// that says the same thing in other words (no query word, a vector nearer the answer than the question) moves up.
/// </summary>
public class PseudoRelevanceFeedbackTests
{
    private const int Dimension = 3;

    // Query q = (1, 0, 0). Answer a is close to q; paraphrase p is close to a but only 0.5 from q;
    // distractor d is 0.55 from q but points away from a.
    private static readonly float[] Query = Unit(1, 0, 0);
    private static readonly IndexedChunk Answer = Chunk("answer", "Aspirin lowers the risk of heart attack in adults with diabetes.", Unit(0.9f, 0.436f, 0));
    private static readonly IndexedChunk Paraphrase = Chunk("paraphrase", "Acetylsalicylic acid therapy lowers myocardial infarction risk in diabetes.", Unit(0.5f, 0.866f, 0));
    private static readonly IndexedChunk Distractor = Chunk("distractor", "Volcanic soil improves vineyard yields on steep slopes.", Unit(0.55f, 0, 0.835f));

    [Fact]
    public void WithoutFeedbackTheDistractorOutranksTheParaphrase()
    {
        var ranked = Search(Options(feedbackDocuments: 0));

        Assert.Equal(["answer", "distractor", "paraphrase"], ranked.Select(h => h.DocumentId));
    }

    [Fact]
    public void DenseFeedbackLiftsTheParaphraseAboveTheDistractor()
    {
        var ranked = Search(Options(feedbackDocuments: 1, denseWeight: 1.0, keywordTerms: 0));

        Assert.Equal(["answer", "paraphrase", "distractor"], ranked.Select(h => h.DocumentId));
    }

    [Fact]
    public void KeywordFeedbackFindsAPassageWithoutAnyQueryWord()
    {
        var before = Search(Options(feedbackDocuments: 0)).Single(h => h.DocumentId == "paraphrase");
        var after = Search(Options(feedbackDocuments: 1, denseWeight: 0, keywordTerms: 10)).Single(h => h.DocumentId == "paraphrase");

        // "lowers", "risk", "diabetes" come from the answer, not from the query.
        Assert.Equal(Retrievers.Dense, before.FoundBy);
        Assert.Equal(Retrievers.Dense | Retrievers.Keyword, after.FoundBy);
    }

    [Fact]
    public void TheFirstPassTopStaysFirstAndScoresStayWithinZeroToOne()
    {
        var ranked = Search(new RetrievalOptions());

        Assert.Equal("answer", ranked[0].DocumentId);
        Assert.All(ranked, h => Assert.InRange(h.Score, 0.0, 1.0));
    }

    [Fact]
    public void AQueryOfStopWordsOnlyIsSearchedByItsVectorAndExpansionAddsNoKeywordMatches()
    {
        var ranked = Search(new RetrievalOptions(), "the of and");

        Assert.Equal(["answer", "distractor", "paraphrase"], ranked.Select(h => h.DocumentId));
        Assert.All(ranked, h => Assert.Equal(Retrievers.Dense, h.FoundBy));
    }

    private static List<SearchHit> Search(RetrievalOptions options, string text = "aspirin heart attack")
    {
        using var index = new EmbeddedSearchIndex(Dimension, options);
        index.Load([Answer, Paraphrase, Distractor]);
        return index.SearchAsync(new SearchRequest(text, Query, 10)).Result.ToList();
    }

    // Feedback itself, on three documents: the shipped defaults leave a collection this small alone (FeedbackMinChunks),
    // and a query whose word one chunk holds (FeedbackRareTermChunks); the order compared is the fused one that feedback
    // changes, not the relevance model's.
    private static RetrievalOptions Options(int feedbackDocuments, double denseWeight = 1.0, int keywordTerms = 20) => new()
    {
        FeedbackMinChunks = 0,
        FeedbackRareTermChunks = 0,
        RankByRelevance = false,
        FeedbackDocuments = feedbackDocuments,
        DenseFeedbackWeight = denseWeight,
        KeywordFeedbackTerms = keywordTerms,
    };

    private static IndexedChunk Chunk(string documentId, string text, float[] vector) =>
        new(Guid.NewGuid(), documentId, "default", string.Empty, 0, text, 0, text.Length, vector);

    private static float[] Unit(float x, float y, float z)
    {
        var norm = MathF.Sqrt((x * x) + (y * y) + (z * z));
        return [x / norm, y / norm, z / norm];
    }
}
