using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Relevance;

/// <summary>
/// The score Qdrant's hits carry (no Qdrant server runs here, so the model is checked on the inputs QdrantSearchIndex
/// gives it: real MiniLM cosines, the real analyser's term coverage, and the normalised RRF score at its extremes).
/// The RRF score weighs heavily (it carries most of what ranks well on SciFact), so the checks hold the rank fixed where
/// a collection of any size would put the chunk: an answer leads both lists; a chunk sharing no term leads the dense one
/// at best.
/// </summary>
public sealed class TermCoverageRelevanceTests(RelevanceCorpus corpus) : IClassFixture<RelevanceCorpus>
{
    private const double Threshold = 0.2; // Answers:MinRelevance's default
    private static readonly QdrantIndexOptions Shipped = new();

    [Theory]
    [InlineData("When are the lighthouse lamps serviced?", "The lighthouse lamps are serviced every spring by the harbour crew, who replace the bulbs and clean the lenses.")]
    [InlineData("What does error 0x80070005 mean?", "Error 0x80070005 means access denied: the account lacks permission on the folder.")]
    public async Task AChunkThatAnswersTheQuestionScoresAboveTheThresholdWhereItLeadsBothLists(string query, string chunk)
    {
        var score = await ScoreAsync(query, chunk, fused: 1);

        Assert.True(score >= Threshold, $"scored {score:0.000}");
    }

    [Theory]
    [InlineData("uberzeugwort", "The lighthouse lamps are serviced every spring by the harbour crew.")]
    [InlineData("volcanic eruptions underwater", "Quarterly invoices are approved by the finance team before payment.")]
    public async Task AChunkSharingNoTermAndLittleMeaningScoresBelowTheThresholdEvenWhenRankedFirst(string query, string chunk)
    {
        // With no shared term the keyword list cannot return it: first of the dense list is the most RRF can give it.
        var score = await ScoreAsync(query, chunk, fused: 0.5);

        Assert.True(score < Threshold, $"scored {score:0.000}");
    }

    [Fact]
    public void CoverageIsTheShareOfTheQuerysTermsAndIdentifiersTheChunkHolds()
    {
        using var vectorizer = new SparseTermVectorizer();
        var query = vectorizer.VectorizeQuery("replace part XK-4471-B");

        var all = TermCoverageRelevance.Coverage(query, vectorizer.VectorizeDocument("Replace part XK-4471-B before winter."));
        var sibling = TermCoverageRelevance.Coverage(query, vectorizer.VectorizeDocument("Replace part XK-4471-C before winter."));
        var none = TermCoverageRelevance.Coverage(query, vectorizer.VectorizeDocument("Quarterly invoices are approved."));

        Assert.Equal(1, all);
        Assert.InRange(sibling, 0.01, 0.99); // its words, not the identifier
        Assert.Equal(0, none);
    }

    private async Task<double> ScoreAsync(string query, string chunk, double fused)
    {
        using var vectorizer = new SparseTermVectorizer();
        var coverage = TermCoverageRelevance.Coverage(vectorizer.VectorizeQuery(query), vectorizer.VectorizeDocument(chunk));
        var (queryVector, chunkVector) = (await corpus.QueryVectorAsync(query), await corpus.QueryVectorAsync(chunk));
        var cosine = TermCoverageRelevance.Cosine(queryVector, chunkVector);
        return TermCoverageRelevance.Probability(cosine, coverage, fused, Shipped);
    }
}
