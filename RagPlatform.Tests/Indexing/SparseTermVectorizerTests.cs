using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

public sealed class SparseTermVectorizerTests : IDisposable
{
    private readonly SparseTermVectorizer _vectorizer = new();

    public void Dispose() => _vectorizer.Dispose();

    [Fact]
    public void InflectedFormsOfAWordShareOneIndex()
    {
        var forms = new[] { "running", "runs", "run" }.Select(w => _vectorizer.VectorizeQuery(w).Indices).ToList();

        Assert.All(forms, f => Assert.Equal([SparseTermVectorizer.HashTerm("run")], f));
    }

    [Fact]
    public void AnIdentifierQuerySharesATermWithItsDocumentThatItsSiblingLacks()
    {
        var query = _vectorizer.VectorizeQuery("XK-4471-B").Indices;
        var own = _vectorizer.VectorizeDocument("The pump part XK-4471-B is in stock.").Indices;
        // The same words in another order: only the whole identifier tells the two apart.
        var sibling = _vectorizer.VectorizeDocument("The pump part B-4471-XK is in stock.").Indices;

        Assert.True(query.Intersect(own).Count() > query.Intersect(sibling).Count(),
            $"query shares {query.Intersect(own).Count()} terms with its document and {query.Intersect(sibling).Count()} with the sibling");
    }

    [Fact]
    public void StopWordsAndPunctuationProduceNoTerms()
    {
        Assert.Empty(_vectorizer.VectorizeQuery("the and of, \"*\" AND)").Indices);
        Assert.Empty(_vectorizer.VectorizeDocument("   ").Indices);
    }

    [Fact]
    public void TermIndicesAreStableFnv1aHashes()
    {
        // Published FNV-1a 32-bit test vectors: indices must not change between processes or releases,
        // or every stored sparse vector would stop matching queries.
        Assert.Equal(0xE40C292Cu, SparseTermVectorizer.HashTerm("a"));
        Assert.Equal(0xBF9CF968u, SparseTermVectorizer.HashTerm("foobar"));
    }

    [Fact]
    public void DocumentValuesSaturateWithTermFrequency()
    {
        var once = _vectorizer.VectorizeDocument("castle");
        var thrice = _vectorizer.VectorizeDocument("castles castle castle");
        var many = _vectorizer.VectorizeDocument(string.Join(' ', Enumerable.Repeat("castle", 50)));

        Assert.Equal(once.Indices, thrice.Indices);
        Assert.True(thrice.Values[0] > once.Values[0]);
        Assert.True(many.Values[0] < 2.2f, "BM25 term frequency is bounded by k1 + 1");
    }

    [Fact]
    public void QueryHasOneUnitValuePerDistinctTermInAscendingIndexOrder()
    {
        var query = _vectorizer.VectorizeQuery("stone walls, stone castles");

        Assert.Equal(3, query.Indices.Length);
        Assert.All(query.Values, v => Assert.Equal(1f, v));
        Assert.Equal(query.Indices.Order(), query.Indices);
    }
}
