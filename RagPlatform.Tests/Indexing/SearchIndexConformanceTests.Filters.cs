using RagPlatform.Core.Indexing;
using static RagPlatform.Tests.Indexing.TestChunks;

namespace RagPlatform.Tests.Indexing;

/// <summary>Metadata filters, the score threshold and source positions, which every backend must honour alike.</summary>
public abstract partial class SearchIndexConformanceTests
{
    [Fact]
    public async Task MetadataEqualityFilterKeepsOnlyMatchingDocuments()
    {
        var (ops, sre, dev) = await IndexTeamsAsync();

        var hits = await Index.SearchAsync(new SearchRequest("backup schedule", ops.Embedding, 10, Filter: MetadataFilter.Equal("team", "ops")));

        Assert.Equal([ops.ChunkId], hits.Select(h => h.ChunkId));
        Assert.DoesNotContain(hits, h => h.ChunkId == sre.ChunkId || h.ChunkId == dev.ChunkId);
    }

    [Fact]
    public async Task MetadataSetFilterMatchesAnyListedValue()
    {
        var (ops, sre, dev) = await IndexTeamsAsync();
        var filter = new MetadataFilter([new("team", ["ops", "sre"])]);

        var hybrid = await Index.SearchAsync(new SearchRequest("backup schedule", dev.Embedding, 10, Filter: filter));
        var keywordOnly = await Index.SearchAsync(new SearchRequest("backup schedule", NoEmbedding, 10, Filter: filter));

        Assert.Equal(new[] { ops.ChunkId, sre.ChunkId }.Order(), hybrid.Select(h => h.ChunkId).Order());
        Assert.Equal(new[] { ops.ChunkId, sre.ChunkId }.Order(), keywordOnly.Select(h => h.ChunkId).Order());
    }

    [Fact]
    public async Task MetadataFilterKeysAreAnded()
    {
        var (ops, sre, _) = await IndexTeamsAsync();
        var filter = new MetadataFilter([new("team", ["ops", "sre"]), new("region", ["eu"])]);

        var hits = await Index.SearchAsync(new SearchRequest("backup schedule", ops.Embedding, 10, Filter: filter));

        Assert.Equal([sre.ChunkId], hits.Select(h => h.ChunkId));
    }

    [Fact]
    public async Task FilterOnAnUnknownKeyOrValueFindsNothing()
    {
        var (ops, _, _) = await IndexTeamsAsync();

        var unknownKey = await Index.SearchAsync(new SearchRequest("backup schedule", ops.Embedding, 10, Filter: MetadataFilter.Equal("owner", "ops")));
        var injection = await Index.SearchAsync(new SearchRequest(
            "backup schedule", ops.Embedding, 10, Filter: MetadataFilter.Equal("team", "ops\" OR team:* ) --")));

        Assert.Empty(unknownKey);
        Assert.Empty(injection);
    }

    [Fact]
    public async Task MetadataFilterCombinesWithCollectionScope()
    {
        var documentId = NewDocumentId();
        var elsewhere = Chunk(documentId, "Backup schedule for the ops team", seed: 7, collection: "other", metadata: Team("ops", "us"));
        await Index.UpsertDocumentAsync(documentId, [elsewhere]);
        var (ops, _, _) = await IndexTeamsAsync();

        var hits = await Index.SearchAsync(new SearchRequest("backup schedule", ops.Embedding, 10, "default", MetadataFilter.Equal("team", "ops")));

        Assert.Equal([ops.ChunkId], hits.Select(h => h.ChunkId));
    }

    [Fact]
    public async Task MinScoreDropsWeakHits()
    {
        var chunks = await IndexSentencesAsync();

        var all = await Index.SearchAsync(new SearchRequest("photosynthesis glucose", chunks[3].Embedding, 10));
        // The backends' scales differ (the embedded index's score is a probability of relevance, Qdrant's the
        // normalised fused score), so the threshold is taken between the first hit and the rest.
        var threshold = (all[0].Score + all[1].Score) / 2;
        var strong = await Index.SearchAsync(new SearchRequest("photosynthesis glucose", chunks[3].Embedding, 10, MinScore: threshold));

        // First in both lists clearly outscores the rest, which the dense side alone found.
        Assert.Equal(chunks.Count, all.Count);
        Assert.Equal(chunks[3].ChunkId, all[0].ChunkId);
        Assert.True(all[0].Score > all[1].Score, $"{all[0].Score} against {all[1].Score}");
        Assert.All(all, h => Assert.InRange(h.Score, 0, 1));
        Assert.Equal([chunks[3].ChunkId], strong.Select(h => h.ChunkId));
    }

    [Fact]
    public async Task HitsSayWhereTheChunkSitsInItsSource()
    {
        var documentId = NewDocumentId();
        var chunk = Chunk(documentId, "Glaciers carve valleys over millennia", seed: 11) with
        {
            StartOffset = 120, EndOffset = 157, HeadingPath = "Geology > Ice", PageNumber = 4,
        };
        await Index.UpsertDocumentAsync(documentId, [chunk]);

        var hit = Assert.Single(await Index.SearchAsync(new SearchRequest("glaciers valleys", chunk.Embedding, 5)));

        Assert.Equal((120, 157, "Geology > Ice", (int?)4), (hit.StartOffset, hit.EndOffset, hit.HeadingPath, hit.PageNumber));
        Assert.Null(hit.OcrConfidence);
    }

    [Fact]
    public async Task AHitRecognisedFromAnImageCarriesItsOcrConfidence()
    {
        var documentId = NewDocumentId();
        var chunk = Chunk(documentId, "Tide tables scanned from the harbour ledger", seed: 12) with { PageNumber = 3, OcrConfidence = 0.912 };
        await Index.UpsertDocumentAsync(documentId, [chunk]);

        var hit = Assert.Single(await Index.SearchAsync(new SearchRequest("harbour ledger tide", chunk.Embedding, 5)));

        Assert.Equal((3, (double?)0.912), (hit.PageNumber, hit.OcrConfidence));
    }

    private static Dictionary<string, string> Team(string team, string region) => new() { ["team"] = team, ["region"] = region };

    /// <summary>Three documents on the same subject, owned by different teams.</summary>
    private async Task<(IndexedChunk Ops, IndexedChunk Sre, IndexedChunk Dev)> IndexTeamsAsync()
    {
        var ops = Chunk(NewDocumentId(), "Backup schedule: nightly at two", seed: 21, metadata: Team("ops", "us"));
        var sre = Chunk(NewDocumentId(), "Backup schedule for the databases", seed: 22, metadata: Team("sre", "eu"));
        var dev = Chunk(NewDocumentId(), "Backup schedule of build caches", seed: 23, metadata: Team("dev", "eu"));
        foreach (var chunk in new[] { ops, sre, dev })
        {
            await Index.UpsertDocumentAsync(chunk.DocumentId, [chunk]);
        }

        return (ops, sre, dev);
    }
}
