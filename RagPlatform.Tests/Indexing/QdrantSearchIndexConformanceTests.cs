using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Indexing;

/// <summary>Runs the conformance suite against a real Qdrant when QDRANT_ENDPOINT (and optionally QDRANT_API_KEY) is set.</summary>
[QdrantFact]
public sealed class QdrantSearchIndexConformanceTests(QdrantTestCollections collections)
    : SearchIndexConformanceTests, IClassFixture<QdrantTestCollections>
{
    protected override bool ReplacesAtomically => false;

    [QdrantFact]
    public async Task EnsureCollectionCanRunTwice()
    {
        await ((QdrantSearchIndex)Index).EnsureCollectionAsync();
    }

    protected override async Task<ISearchIndex> CreateIndexAsync() => await collections.CreateIndexAsync(TestChunks.Dimension);
}
