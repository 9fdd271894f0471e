using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

/// <summary>Runs the conformance suite against a real Qdrant when QDRANT_ENDPOINT (and optionally QDRANT_API_KEY) is set, and is skipped otherwise.</summary>
public sealed class QdrantSearchIndexConformanceTests(QdrantTestCollections collections)
    : SearchIndexConformanceTests, IClassFixture<QdrantTestCollections>
{
    protected override bool ReplacesAtomically => false;

    [Fact]
    public async Task EnsureCollectionCanRunTwice()
    {
        await ((QdrantSearchIndex)Index).EnsureCollectionAsync();
    }

    // Skipping here, where every test of the class begins, skips the inherited conformance tests too.
    protected override async Task<ISearchIndex> CreateIndexAsync()
    {
        QdrantServer.SkipUnlessConfigured();
        return await collections.CreateIndexAsync(TestChunks.Dimension);
    }
}
