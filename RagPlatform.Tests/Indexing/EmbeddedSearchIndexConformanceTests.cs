using RagPlatform.Core.Indexing;
using static RagPlatform.Tests.Indexing.TestChunks;

namespace RagPlatform.Tests.Indexing;

public sealed class EmbeddedSearchIndexConformanceTests : SearchIndexConformanceTests
{
    [Fact]
    public async Task LoadBuildsASearchableIndexInOneStep()
    {
        using var index = new EmbeddedSearchIndex();
        var first = NewDocumentId();
        var second = NewDocumentId();
        var chunks = new[] { Chunk(first, Sentences[0], 1), Chunk(second, Sentences[1], 2), Chunk(first, Sentences[2], 3, ordinal: 1) };

        index.Load(chunks);
        await index.DeleteDocumentAsync(second);

        Assert.Equal(2, index.Count);
        var hits = await index.SearchAsync(new SearchRequest("stone walls", ReadOnlyMemory<float>.Empty, 5));
        Assert.Equal(chunks[2].ChunkId, Assert.Single(hits).ChunkId);
    }

    [Fact]
    public async Task FreedSlotsAreReusedWithoutLeakingOldChunks()
    {
        using var index = new EmbeddedSearchIndex(Dimension);
        var documentId = NewDocumentId();
        for (var version = 0; version < 50; version++)
        {
            await index.UpsertDocumentAsync(documentId, [Chunk(documentId, $"version {version} text", seed: version)]);
        }

        var hits = await index.SearchAsync(new SearchRequest("", Vector(3), 10));

        Assert.Equal(1, index.Count);
        Assert.Equal("version 49 text", Assert.Single(hits).Text);
    }

    [Fact]
    public async Task DenseSearchReturnsTheExactNearestNeighboursInOrder()
    {
        using var index = new EmbeddedSearchIndex();
        var chunks = Enumerable.Range(0, 500).Select(i => Chunk(NewDocumentId(), $"chunk {i}", seed: i)).ToList();
        index.Load(chunks);
        var query = Vector(12345);

        var hits = await index.SearchAsync(new SearchRequest("", query, 20));

        var expected = chunks.OrderByDescending(c => Dot(c.Embedding.Span, query)).Take(20).Select(c => c.ChunkId);
        Assert.Equal(expected, hits.Select(h => h.ChunkId));
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score > p.Second.Score));
    }

    [Fact]
    public async Task AnEmbeddingOfTheWrongLengthIsRejected()
    {
        using var index = new EmbeddedSearchIndex(Dimension);
        var documentId = NewDocumentId();
        var chunk = Chunk(documentId, "text", 1) with { Embedding = new float[Dimension + 1] };

        await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertDocumentAsync(documentId, [chunk]));
        await Assert.ThrowsAsync<ArgumentException>(() => index.SearchAsync(new SearchRequest("", new float[3], 5)));
    }

    [Fact]
    public async Task AChunkIdOwnedByAnotherDocumentIsRejected()
    {
        using var index = new EmbeddedSearchIndex();
        var chunk = Chunk(NewDocumentId(), "text", 1);
        await index.UpsertDocumentAsync(chunk.DocumentId, [chunk]);
        var other = NewDocumentId();

        await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertDocumentAsync(other, [chunk with { DocumentId = other }]));
        Assert.Equal(1, index.Count);
    }

    protected override Task<ISearchIndex> CreateIndexAsync() => Task.FromResult<ISearchIndex>(new EmbeddedSearchIndex());
}
