using RagPlatform.Core.Indexing;
using static RagPlatform.Tests.Indexing.TestChunks;

namespace RagPlatform.Tests.Indexing;

/// <summary>Tenancy, which every backend must enforce alike: a search never returns another tenant's chunk.</summary>
public abstract partial class SearchIndexConformanceTests
{
    [Fact]
    public async Task ASearchSeesOnlyItsTenantsChunksInEveryCollectionAndRetriever()
    {
        var (ours, theirs, theirsElsewhere) = (NewDocumentId(), NewDocumentId(), NewDocumentId());
        var (acme, globex) = ($"acme-{ours[..8]}", $"globex-{ours[..8]}");
        var mine = Chunk(ours, "Quarterly budget review for the harbour authority", seed: 11) with { Tenant = acme };
        // Same words and a vector next to ours: only the tenant tells them apart.
        var other = Chunk(theirs, "Quarterly budget review for the harbour authority", seed: 12) with
        {
            Tenant = globex,
            Embedding = Near(mine.Embedding, seed: 13),
        };
        var otherCollection = Chunk(theirsElsewhere, "Quarterly budget review, harbour authority annex", seed: 14, collection: "annex") with { Tenant = globex };
        await Index.UpsertDocumentAsync(ours, [mine]);
        await Index.UpsertDocumentAsync(theirs, [other]);
        await Index.UpsertDocumentAsync(theirsElsewhere, [otherCollection]);

        var everyCollection = await Index.SearchAsync(new SearchRequest("quarterly budget harbour", mine.Embedding, 10, Tenant: acme));
        var oneCollection = await Index.SearchAsync(new SearchRequest("quarterly budget harbour", mine.Embedding, 10, "default", Tenant: acme));
        var keywordOnly = await Index.SearchAsync(new SearchRequest("quarterly budget harbour", NoEmbedding, 10, Tenant: acme));
        var theirCollection = await Index.SearchAsync(new SearchRequest("quarterly budget harbour", mine.Embedding, 10, "annex", Tenant: acme));
        var unknownTenant = await Index.SearchAsync(new SearchRequest("quarterly budget harbour", mine.Embedding, 10, Tenant: $"initech-{ours[..8]}"));
        var theirs2 = await Index.SearchAsync(new SearchRequest("quarterly budget harbour", mine.Embedding, 10, Tenant: globex));

        Assert.Equal([mine.ChunkId], everyCollection.Select(h => h.ChunkId));
        Assert.Equal([mine.ChunkId], oneCollection.Select(h => h.ChunkId));
        Assert.Equal([mine.ChunkId], keywordOnly.Select(h => h.ChunkId));
        Assert.Empty(theirCollection);
        Assert.Empty(unknownTenant);
        Assert.Equal(new[] { other.ChunkId, otherCollection.ChunkId }.Order(), theirs2.Select(h => h.ChunkId).Order());
    }
}
