using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// The embedded index scans int8 codes of its vectors and rescores the best candidates with the float vectors:
/// what a dense search returns must still be the exact nearest documents with their exact cosine order, checked here
/// against a brute-force float ranking on an index large enough for the int8 scan to run (MiniLM's 384 dimensions).
/// </summary>
public class DenseScanTests
{
    private const int Dimension = 384;
    private const int Documents = 3000;

    // Random unit vectors in 384 dimensions sit close together (cosines around 0 +- 0.05): a harder case for a
    // coarse first pass than real embeddings, whose neighbours stand further apart.
    private static readonly Lazy<(EmbeddedSearchIndex Index, float[][] Vectors)> Shared = new(Build);

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public async Task DenseSearchReturnsTheExactNearestDocumentsInCosineOrder(int topK)
    {
        var (index, vectors) = Shared.Value;
        for (var seed = 0; seed < 20; seed++)
        {
            var query = Near(vectors[seed * 7], 1000 + seed, noise: 3f);

            var hits = await index.SearchAsync(new SearchRequest("", query, topK));

            Assert.Equal(BruteForce(vectors, query, topK, _ => true), hits.Select(h => h.DocumentId));
        }
    }

    [Fact]
    public async Task ACollectionScopedSearchIsExactWithinTheCollection()
    {
        var (index, vectors) = Shared.Value;
        for (var seed = 0; seed < 10; seed++)
        {
            var query = Near(vectors[seed * 11], 2000 + seed, noise: 3f);

            var hits = await index.SearchAsync(new SearchRequest("", query, 20, Collection: "odd"));

            Assert.Equal(BruteForce(vectors, query, 20, i => i % 2 == 1), hits.Select(h => h.DocumentId));
        }
    }

    [Fact]
    public async Task AnIndexTooSmallForTheInt8ScanRanksTheSame()
    {
        var (_, vectors) = Shared.Value;
        using var small = new EmbeddedSearchIndex(Dimension, new RetrievalOptions());
        small.Load(Enumerable.Range(0, 100).Select(i => Chunk(i, vectors[i])));
        var query = Near(vectors[3], 3000, noise: 3f);

        var hits = await small.SearchAsync(new SearchRequest("", query, 10));

        Assert.Equal(BruteForce(vectors[..100], query, 10, _ => true), hits.Select(h => h.DocumentId));
    }

    private static (EmbeddedSearchIndex, float[][]) Build()
    {
        var vectors = Enumerable.Range(0, Documents).Select(i => TestChunks.Vector(i, Dimension)).ToArray();
        var index = new EmbeddedSearchIndex(Dimension, new RetrievalOptions());
        index.Load(vectors.Select((v, i) => Chunk(i, v) with { Collection = i % 2 == 1 ? "odd" : "even" }));
        return (index, vectors);
    }

    private static string[] BruteForce(float[][] vectors, float[] query, int topK, Func<int, bool> included) =>
        vectors.Select((v, i) => (Id: $"doc{i}", Score: TestChunks.Dot(v, query), Included: included(i)))
            .Where(x => x.Included)
            .OrderByDescending(x => x.Score)
            .Take(topK)
            .Select(x => x.Id)
            .ToArray();

    private static IndexedChunk Chunk(int i, float[] vector) =>
        new(Guid.NewGuid(), $"doc{i}", "even", string.Empty, 0, $"text {i}", 0, 6, vector);

    /// <summary>A query nearer <paramref name="vector"/> than chance, with many documents at similar distances.</summary>
    private static float[] Near(float[] vector, int seed, float noise)
    {
        var random = TestChunks.Vector(seed, Dimension);
        return TestChunks.Normalise(vector.Select((x, i) => x + (noise * random[i])).ToArray());
    }
}
