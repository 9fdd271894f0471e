using RagPlatform.Core.Indexing;
using static RagPlatform.Tests.Indexing.TestChunks;

namespace RagPlatform.Tests.Indexing;

/// <summary>The batch write a projection of the change log uses.</summary>
public abstract partial class SearchIndexConformanceTests
{
    [Fact]
    public async Task UpsertingSeveralDocumentsAtOnceReplacesEachWholeAndLeavesTheOthersAlone()
    {
        var (kept, replaced, added) = (NewDocumentId(), NewDocumentId(), NewDocumentId());
        await Index.UpsertDocumentAsync(kept, [Chunk(kept, Sentences[0], seed: 1)]);
        await Index.UpsertDocumentAsync(replaced, [Chunk(replaced, Sentences[1], seed: 2), Chunk(replaced, Sentences[2], seed: 3, ordinal: 1)]);
        var replacement = Chunk(replaced, Sentences[3], seed: 4);
        var addition = Chunk(added, Sentences[4], seed: 5);

        await Index.UpsertDocumentsAsync([replacement, addition]);

        var held = await Index.ListChunksAsync();
        Assert.Single(held, c => c.DocumentId == kept);
        Assert.Equal([replacement.ChunkId], held.Where(c => c.DocumentId == replaced).Select(c => c.ChunkId));
        Assert.Equal([addition.ChunkId], held.Where(c => c.DocumentId == added).Select(c => c.ChunkId));
    }
}
