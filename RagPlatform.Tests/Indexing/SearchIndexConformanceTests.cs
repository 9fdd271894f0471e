using System.Collections.Concurrent;
using System.Diagnostics;
using RagPlatform.Core.Indexing;
using static RagPlatform.Tests.Indexing.TestChunks;

namespace RagPlatform.Tests.Indexing;

/// <summary>
/// What every <see cref="ISearchIndex"/> backend must do. A backend's test class derives from this and
/// supplies a fresh, empty index per test.
/// </summary>
public abstract partial class SearchIndexConformanceTests : IAsyncLifetime
{
    private static readonly ReadOnlyMemory<float> NoEmbedding = ReadOnlyMemory<float>.Empty;
    private ISearchIndex? _index;

    protected ISearchIndex Index => _index ?? throw new InvalidOperationException("The index is created in InitializeAsync.");

    /// <summary>False where an upsert may briefly show old and new chunks together (Qdrant has no transactions).</summary>
    protected virtual bool ReplacesAtomically => true;

    public async ValueTask InitializeAsync() => _index = await CreateIndexAsync();

    public ValueTask DisposeAsync()
    {
        (_index as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task PhraseFromAChunkFindsThatChunkFirst()
    {
        var chunks = await IndexSentencesAsync();

        var hits = await Index.SearchAsync(new SearchRequest("thick stone walls", NoEmbedding, 3));

        Assert.Equal(chunks[2].ChunkId, hits[0].ChunkId);
        Assert.Equal(chunks[2].Text, hits[0].Text);
        Assert.True(hits[0].FoundBy.HasFlag(Retrievers.Keyword));
    }

    [Fact]
    public async Task DenseOnlyQueryFindsTheNearestVector()
    {
        var chunks = await IndexSentencesAsync();

        var hits = await Index.SearchAsync(new SearchRequest("", Near(chunks[3].Embedding, 99), 3));

        Assert.Equal(chunks[3].ChunkId, hits[0].ChunkId);
        Assert.Equal(Retrievers.Dense, hits[0].FoundBy);
    }

    [Fact]
    public async Task HybridQueryMarksAChunkFoundByBothRetrievers()
    {
        var chunks = await IndexSentencesAsync();

        var hits = await Index.SearchAsync(new SearchRequest("photosynthesis glucose", chunks[3].Embedding, 3));

        Assert.Equal(chunks[3].ChunkId, hits[0].ChunkId);
        Assert.Equal(Retrievers.Dense | Retrievers.Keyword, hits[0].FoundBy);
    }

    [Fact]
    public async Task SearchIsScopedToTheRequestedCollection()
    {
        var alpha = Chunk(NewDocumentId(), Sentences[2], seed: 1, collection: "alpha");
        var beta = Chunk(NewDocumentId(), Sentences[2], seed: 2, collection: "beta");
        await Index.UpsertDocumentAsync(alpha.DocumentId, [alpha]);
        await Index.UpsertDocumentAsync(beta.DocumentId, [beta]);

        var inAlpha = await Index.SearchAsync(new SearchRequest("stone walls", beta.Embedding, 10, "alpha"));
        var inBeta = await Index.SearchAsync(new SearchRequest("stone walls", alpha.Embedding, 10, "beta"));
        var everywhere = await Index.SearchAsync(new SearchRequest("stone walls", alpha.Embedding, 10));
        var nowhere = await Index.SearchAsync(new SearchRequest("stone walls", alpha.Embedding, 10, "gamma"));

        Assert.Equal([alpha.ChunkId], inAlpha.Select(h => h.ChunkId));
        Assert.Equal([beta.ChunkId], inBeta.Select(h => h.ChunkId));
        Assert.Equal(2, everywhere.Count);
        Assert.Empty(nowhere);
    }

    [Fact]
    public async Task UpsertReplacesEveryChunkOfTheDocument()
    {
        var documentId = NewDocumentId();
        var old = new[] { Chunk(documentId, "Ancient castles had moats", 1), Chunk(documentId, "Castles kept grain stores", 2, ordinal: 1) };
        var replacement = Chunk(documentId, "Modern skyscrapers use glass facades", 3);
        await Index.UpsertDocumentAsync(documentId, old);

        await Index.UpsertDocumentAsync(documentId, [replacement]);

        Assert.Empty(await Index.SearchAsync(new SearchRequest("castles moats grain", NoEmbedding, 10)));
        var byVector = await Index.SearchAsync(new SearchRequest("", old[0].Embedding, 10));
        Assert.Equal([replacement.ChunkId], byVector.Select(h => h.ChunkId));
        var byText = await Index.SearchAsync(new SearchRequest("skyscrapers", NoEmbedding, 10));
        Assert.Equal(replacement.ChunkId, Assert.Single(byText).ChunkId);
    }

    [Fact]
    public async Task DeletedDocumentNoLongerAppearsInSearch()
    {
        var chunks = await IndexSentencesAsync();

        await Index.DeleteDocumentAsync(chunks[2].DocumentId);
        await Index.DeleteDocumentAsync(NewDocumentId());

        var hits = await Index.SearchAsync(new SearchRequest("thick stone walls castles", chunks[2].Embedding, 10));
        Assert.Equal(chunks.Count - 1, hits.Count);
        Assert.DoesNotContain(hits, h => h.DocumentId == chunks[2].DocumentId);
    }

    [Fact]
    public async Task TopKIsRespected()
    {
        var documentId = NewDocumentId();
        var chunks = Enumerable.Range(0, 20).Select(i => Chunk(documentId, $"River crossing number {i}", seed: i, ordinal: i)).ToList();
        await Index.UpsertDocumentAsync(documentId, chunks);

        var five = await Index.SearchAsync(new SearchRequest("river 7", chunks[7].Embedding, 5));
        var one = await Index.SearchAsync(new SearchRequest("river", NoEmbedding, 1));

        Assert.Equal(5, five.Count);
        Assert.Equal(chunks[7].ChunkId, five[0].ChunkId);
        Assert.Single(one);
        Assert.Equal(five.Select(h => h.ChunkId).Distinct().Count(), five.Count);
    }

    [Fact]
    public async Task HostileQueryTextDoesNotThrow()
    {
        var chunks = await IndexSentencesAsync();
        string[] hostile =
        [
            "\"", "\"stone", "AND)", "*", "?", "", "   ", "\0\u0001", "title:castle OR (walls", "~1^2 -+!", "\\",
            new string('x', 10_000), string.Concat(Enumerable.Repeat("stone walls AND ", 700)),
            "日本語のテキスト 🚀 café naïve Ελληνικά عربى", "\ud800 lone surrogate",
        ];

        foreach (var text in hostile)
        {
            var keywordOnly = await Index.SearchAsync(new SearchRequest(text, NoEmbedding, 5));
            var hybrid = await Index.SearchAsync(new SearchRequest(text, chunks[0].Embedding, 5));

            Assert.True(keywordOnly.Count <= 5);
            Assert.Contains(hybrid, h => h.ChunkId == chunks[0].ChunkId);
        }
    }

    [Fact]
    public async Task ConcurrentUpsertsAndSearchesNeverReturnAReplacedVersion()
    {
        var documentId = NewDocumentId();
        var versionOf = new ConcurrentDictionary<Guid, int>();
        var completed = 0;
        await Index.UpsertDocumentAsync(documentId, Version(documentId, 0, versionOf));
        var until = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(1.5);

        var writer = Task.Run(async () =>
        {
            for (var version = 1; until.Elapsed < duration; version++)
            {
                // An in-process index completes synchronously: yield so that two cores still run every loop.
                await Task.Yield();
                await Index.UpsertDocumentAsync(documentId, Version(documentId, version, versionOf));
                Volatile.Write(ref completed, version);
            }
        });
        var readers = Enumerable.Range(0, 2).Select(reader => Task.Run(async () =>
        {
            var searches = 0;
            while (until.Elapsed < duration)
            {
                await Task.Yield();
                var oldestAllowed = Volatile.Read(ref completed);
                var query = reader == 0 ? new SearchRequest("zebra", NoEmbedding, 10) : new SearchRequest("zebra", Vector(1), 10);
                var hits = await Index.SearchAsync(query);

                Assert.NotEmpty(hits);
                var versions = hits.Select(h => versionOf[h.ChunkId]).Distinct().ToList();
                Assert.All(versions, v => Assert.True(v >= oldestAllowed, $"saw version {v} after version {oldestAllowed} replaced it"));
                if (ReplacesAtomically)
                {
                    Assert.Single(versions);
                    Assert.Equal(3, hits.Count);
                }

                searches++;
            }

            return searches;
        })).ToList();

        await writer;
        var searched = await Task.WhenAll(readers);
        Assert.All(searched, count => Assert.True(count > 0, "every reader searched at least once"));
        Assert.True(Volatile.Read(ref completed) > 0, "the writer replaced the document at least once");
    }

    protected abstract Task<ISearchIndex> CreateIndexAsync();

    private static IndexedChunk[] Version(string documentId, int version, ConcurrentDictionary<Guid, int> versionOf)
    {
        var chunks = Enumerable.Range(0, 3)
            .Select(i => Chunk(documentId, $"zebra herd {i} seen in version {version}", seed: (version * 3) + i, ordinal: i))
            .ToArray();
        foreach (var chunk in chunks)
        {
            versionOf[chunk.ChunkId] = version;
        }

        return chunks;
    }

    private async Task<IReadOnlyList<IndexedChunk>> IndexSentencesAsync()
    {
        var chunks = Sentences.Select((text, i) => Chunk(NewDocumentId(), text, seed: 100 + i)).ToList();
        foreach (var chunk in chunks)
        {
            await Index.UpsertDocumentAsync(chunk.DocumentId, [chunk]);
        }

        return chunks;
    }
}
