using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Relevance;

/// <summary>
/// Issue 11's second complaint: a score must say how likely a result is relevant, the same in every collection, so that
/// one <c>minScore</c> or <c>Answers:MinRelevance</c> works everywhere.
/// </summary>
public sealed class RelevanceScoreTests(RelevanceCorpus corpus) : IClassFixture<RelevanceCorpus>
{
    private const double Threshold = 0.2; // Answers:MinRelevance's default

    [Theory]
    [InlineData(1, "uberzeugwort")]
    [InlineData(5, "uberzeugwort")]
    [InlineData(20, "uberzeugwort")]
    [InlineData(200, "uberzeugwort")]
    [InlineData(20, "killword07")]
    [InlineData(20, "volcanic eruptions underwater")]
    public async Task ADocumentSharingNoTermAndLittleMeaningWithTheQueryScoresLow(int size, string query)
    {
        using var index = await corpus.IndexAsync(size, []);

        var hits = await corpus.SearchAsync(index, query);

        Assert.All(hits, hit => Assert.True(hit.Score < Threshold, $"{hit.DocumentId} scored {hit.Score:0.000} for '{query}'"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(200)]
    public async Task ADocumentThatAnswersTheQuestionScoresAboveTheThresholdAtAnySize(int size)
    {
        var planted = new List<(string, string)> { ("answer", "The lighthouse lamps are serviced every spring by the harbour crew, who replace the bulbs and clean the lenses.") };
        using var index = await corpus.IndexAsync(size, planted);

        var hits = await corpus.SearchAsync(index, "When are the lighthouse lamps serviced?");

        Assert.Equal("answer", hits[0].DocumentId);
        Assert.True(hits[0].Score >= Threshold, $"scored {hits[0].Score:0.000}");
    }

    [Fact]
    public async Task ScoresAreProbabilitiesInDescendingOrderAndMinScoreDropsTheRest()
    {
        var planted = new List<(string, string)> { ("answer", "The lighthouse lamps are serviced every spring by the harbour crew.") };
        using var index = await corpus.IndexAsync(20, planted);
        var all = await corpus.SearchAsync(index, "lighthouse lamps serviced", topK: 20);

        Assert.All(all, hit => Assert.InRange(hit.Score, 0, 1));
        Assert.Equal(all.Select(h => h.Score).OrderByDescending(s => s), all.Select(h => h.Score));
        var cut = all[0].Score / 2;
        var filtered = await index.SearchAsync(new SearchRequest("lighthouse lamps serviced", await corpus.QueryVectorAsync("lighthouse lamps serviced"), 20, MinScore: cut));
        Assert.Equal(all.Where(h => h.Score >= cut).Select(h => h.DocumentId), filtered.Select(h => h.DocumentId));
    }
}
