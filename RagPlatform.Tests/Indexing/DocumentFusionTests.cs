using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

public class DocumentFusionTests
{
    // Chunks are named "{document}{n}", so a chunk's document is its first letter.
    private static string DocumentOf(string chunk) => chunk[..1];

    [Fact]
    public void EachListCountsADocumentOnceAtItsBestChunk()
    {
        var dense = new RankedList<string>(Retrievers.Dense, ["a1", "a2", "a3", "b1"]);
        var keyword = new RankedList<string>(Retrievers.Keyword, ["b2", "c1"]);

        var fused = DocumentFusion.Fuse([dense, keyword], DocumentOf);

        // a: 1/61 (its other chunks add nothing); b: 1/62 (dense, rank 2 once collapsed) + 1/61 (keyword); c: 1/62.
        Assert.Equal(["b", "a", "c"], fused.Select(f => DocumentOf(f.Item)));
        Assert.Equal((1.0 / 62) + (1.0 / 61), fused[0].Score, 12);
        Assert.Equal(1.0 / 61, fused[1].Score, 12);
        Assert.Equal(1.0 / 62, fused[2].Score, 12);
        Assert.Equal(Retrievers.Dense | Retrievers.Keyword, fused[0].FoundBy);
    }

    [Fact]
    public void ADocumentIsReturnedAsTheChunkOfItsBestRank()
    {
        var dense = new RankedList<string>(Retrievers.Dense, ["x1", "a1"]);
        var keyword = new RankedList<string>(Retrievers.Keyword, ["a2", "x2"]);

        var fused = DocumentFusion.Fuse([dense, keyword], DocumentOf);

        // a is best in the keyword list (rank 1, chunk a2); x ties at rank 1 in dense and wins with the list given first.
        Assert.Equal("x1", fused.Single(f => DocumentOf(f.Item) == "x").Item);
        Assert.Equal("a2", fused.Single(f => DocumentOf(f.Item) == "a").Item);
    }

    [Fact]
    public void WeightsAndKApplyToDocumentRanks()
    {
        var dense = new RankedList<string>(Retrievers.Dense, ["a1", "a2", "b1"], Weight: 2.0);

        var fused = DocumentFusion.Fuse([dense], DocumentOf, k: 0);

        Assert.Equal(2.0, fused[0].Score, 12);
        Assert.Equal(1.0, fused[1].Score, 12);
    }

    [Fact]
    public void ChunksWithoutADocumentAreDropped()
    {
        var dense = new RankedList<string>(Retrievers.Dense, ["gone", "a1"]);

        var fused = DocumentFusion.Fuse([dense], chunk => chunk == "gone" ? null : DocumentOf(chunk));

        Assert.Equal("a1", Assert.Single(fused).Item);
        Assert.Equal(1.0 / 61, fused[0].Score, 12);
    }

    [Fact]
    public void WithFewerDocumentsThanWantedFurtherChunksFillInBestFirst()
    {
        var dense = new RankedList<string>(Retrievers.Dense, ["a1", "a2", "b1", "a3"]);
        var keyword = new RankedList<string>(Retrievers.Keyword, ["a3", "a1"]);

        var fused = DocumentFusion.Fuse([dense, keyword], DocumentOf, wanted: 4);

        // Documents first (a as a1, b as b1), then the other chunks in chunk-level order: a3 (two lists) before a2.
        Assert.Equal(["a1", "b1", "a3", "a2"], fused.Select(f => f.Item));
        Assert.True(fused.Zip(fused.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
    }

    [Fact]
    public void EnoughDocumentsMeanNoSecondChunkOfAnyDocument()
    {
        var dense = new RankedList<string>(Retrievers.Dense, ["a1", "a2", "b1", "c1"]);

        var fused = DocumentFusion.Fuse([dense], DocumentOf, wanted: 3);

        Assert.Equal(["a1", "b1", "c1"], fused.Select(f => f.Item));
    }
}
