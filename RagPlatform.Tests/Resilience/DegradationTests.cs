using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using RagPlatform.Api.Admission;
using RagPlatform.Api.Search;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Tests.Infrastructure;
using Rag = RagPlatform.Client;

namespace RagPlatform.Tests.Resilience;

/// <summary>Searches that lose a dependency still answer, and say what they did without.</summary>
[Collection(ApiCollection.Name)]
public sealed class DegradationTests(ApiFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task WithRedisStoppedSearchAnswersAndSaysTheCacheIsMissing()
    {
        var id = $"nocache-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new Rag.TextDocument("Sextants measure the angle between a star and the horizon.", Id: id));
        await fixture.Api.WaitForStatusAsync(id, Rag.DocumentStatuses.Indexed);
        await fixture.Api.SearchUntilFoundAsync("sextant star horizon angle", id, TimeSpan.FromSeconds(5));
        await fixture.Redis.StopAsync();
        try
        {
            var response = await fixture.Api.SearchAsync(new Rag.SearchRequest("sextant star horizon angle", 5));

            Assert.Equal(["cache"], response.DegradedOrEmpty);
            Assert.Equal(id, response.Results[0].DocumentId);
        }
        finally
        {
            await fixture.Redis.StartAgainAsync();
        }
    }

    /// <summary>A search that would otherwise take some milliseconds; the old cost of a fresh outage was about a second.</summary>
    private static readonly TimeSpan QuickSearch = TimeSpan.FromMilliseconds(500);

    [Fact]
    public Task WithRedisJustStoppedEverySearchAnswersQuicklyWithoutTheCache() =>
        // A killed server's connections close at once: the client knows it is disconnected.
        AssertEverySearchAnswersQuicklyWithoutTheCacheAsync(fixture.Redis.StopAsync, fixture.Redis.StartAgainAsync);

    [Fact]
    public Task WithRedisFrozenEverySearchAnswersQuicklyWithoutTheCache() =>
        // A hung server (or a network dropping packets) keeps its connections open: only timeouts tell.
        AssertEverySearchAnswersQuicklyWithoutTheCacheAsync(fixture.Redis.FreezeAsync, fixture.Redis.ThawAsync);

    private async Task AssertEverySearchAnswersQuicklyWithoutTheCacheAsync(Func<Task> fault, Func<Task> heal)
    {
        await fixture.Api.WaitUntilNothingIsDegradedAsync();
        await fault();
        try
        {
            // From the first request after Redis fails, across the breaker opening and testing Redis again.
            var searches = await TimedSearchesAsync(count: 12, spacing: TimeSpan.FromMilliseconds(250));

            Assert.All(searches, s => Assert.Equal(["cache"], s.Degraded));
            Assert.True(searches.All(s => s.Took < QuickSearch), $"searches took {Describe(searches)}");
        }
        finally
        {
            await heal();
        }
    }

    /// <summary>Searches for text never searched before, so each one would read both caches.</summary>
    private async Task<List<(TimeSpan Took, IReadOnlyList<string> Degraded)>> TimedSearchesAsync(int count, TimeSpan spacing)
    {
        var searches = new List<(TimeSpan, IReadOnlyList<string>)>();
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await fixture.Api.SearchAsync(new Rag.SearchRequest($"tide tables for harbour {Guid.NewGuid():N}", 5));
            searches.Add((watch.Elapsed, response.DegradedOrEmpty));
            await Task.Delay(spacing);
        }
        output.WriteLine($"searches took {Describe(searches)}");
        return searches;
    }

    private static string Describe(List<(TimeSpan Took, IReadOnlyList<string> Degraded)> searches) =>
        string.Join(", ", searches.Select(s => $"{s.Took.TotalMilliseconds:0} ms"));

    [Fact]
    public async Task WithAHealthyStackSearchAndAskSayNothingIsDegraded()
    {
        await fixture.Api.WaitUntilNothingIsDegradedAsync();

        var search = await fixture.Api.SearchAsync(new Rag.SearchRequest($"anything at all {Guid.NewGuid():N}", 5));
        var ask = await fixture.Api.AskAsync(new Rag.AskRequest($"what is this {Guid.NewGuid():N}"));

        // Absent, not an empty list: the API leaves "degraded" out when nothing is.
        Assert.Null(search.Degraded);
        Assert.Null(ask.Degraded);
    }

    [Fact]
    public async Task FullTextFallbackRanksByKeywordsAndHonoursCollectionAndMetadata()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var ops = $"fts-ops-{run}";
        var sre = $"fts-sre-{run}";
        var other = $"fts-other-{run}";
        await fixture.Api.UploadAsync(new Rag.TextDocument("Quarterly ledger reconciliation closes every books period.", Id: ops, Collection: $"fts{run}", Metadata: Team("ops")));
        await fixture.Api.UploadAsync(new Rag.TextDocument("The pager rota lists who reconciles the ledger at night.", Id: sre, Collection: $"fts{run}", Metadata: Team("sre")));
        await fixture.Api.UploadAsync(new Rag.TextDocument("Ledger reconciliation of the other collection.", Id: other, Metadata: Team("ops")));
        foreach (var id in new[] { ops, sre, other })
        {
            await fixture.Api.WaitForStatusAsync(id, Rag.DocumentStatuses.Indexed);
        }
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        var search = new PostgresKeywordSearch(new GuardedDatabase(dataSource, ResiliencePipeline.Empty));

        var scoped = await search.SearchAsync(new SearchRequest("quarterly ledger reconciliation", default, 10, $"fts{run}", Tenant: TestCredentials.Tenant));
        var filtered = await search.SearchAsync(new SearchRequest("ledger reconciliation", default, 10, $"fts{run}", MetadataFilter.Equal("team", "sre"), Tenant: TestCredentials.Tenant));
        var stopWordsOnly = await search.SearchAsync(new SearchRequest("the and of", default, 10, Tenant: TestCredentials.Tenant));
        var quotes = await search.SearchAsync(new SearchRequest("it's a back\\slash 'quoted' | & ! ledger", default, 10, $"fts{run}", Tenant: TestCredentials.Tenant));

        // The index's view: documents by storage key ({tenant}/{id}); the Retriever maps them back to ids.
        Assert.Equal([Key(ops), Key(sre)], scoped.Select(h => h.DocumentId));
        Assert.Equal(1.0, scoped[0].Score);
        Assert.All(scoped, hit => Assert.Equal(Retrievers.Keyword, hit.FoundBy));
        Assert.Equal([Key(sre)], filtered.Select(h => h.DocumentId));
        Assert.Empty(stopWordsOnly);
        Assert.Equal(2, quotes.Count);
    }

    [Fact]
    public async Task WithTheIndexUnreachableSearchAnswersFromPostgresFullTextSearch()
    {
        var id = $"noindex-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new Rag.TextDocument("Barnacles cling to the hull below the waterline of old trawlers.", Id: id));
        await fixture.Api.WaitForStatusAsync(id, Rag.DocumentStatuses.Indexed);
        await using var api = await TestHost.Api().WithDatabase(fixture.ConnectionString).WithServices(services =>
        {
            services.RemoveAll<ISearchIndex>();
            services.AddSingleton<ISearchIndex, UnreachableSearchIndex>();
        }).StartAsync();
        using var client = api.CreateClient().Authorize();

        var response = await new Rag.RagPlatformClient(client).SearchAsync(new Rag.SearchRequest("barnacles on trawler hulls", 5));

        Assert.Equal(["index"], response.DegradedOrEmpty);
        var hit = response.Results[0];
        Assert.Equal(id, hit.DocumentId);
        Assert.Equal(["keyword"], hit.FoundBy);
    }

    [Fact]
    public async Task WhileTheEmbeddedIndexIsStillLoadingRetrievalAnswersFromPostgres()
    {
        var id = $"loading-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new Rag.TextDocument("Cormorants dry their wings on the breakwater after fishing.", Id: id));
        await fixture.Api.WaitForStatusAsync(id, Rag.DocumentStatuses.Indexed);
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        var retriever = new Retriever(
            fixture.ApiServices.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            new EmbeddedSearchIndex(),
            new LoadingIndex(),
            new QueryEmbeddingCache(new SearchMetrics(TestMeterFactory.Create()), NullLogger<QueryEmbeddingCache>.Instance, ResiliencePipeline.Empty),
            new PostgresKeywordSearch(new GuardedDatabase(dataSource, ResiliencePipeline.Empty)),
            new AdaptiveConcurrencyLimiter(new AdmissionOptions(), TimeProvider.System),
            Options.Create(new AdmissionOptions()),
            ResiliencePipeline.Empty,
            NullLogger<Retriever>.Instance);
        var degraded = new Degradations();

        var hits = await retriever.RetrieveAsync(TestCredentials.Tenant, "cormorants on the breakwater", 5, null, null, 0, degraded, CancellationToken.None);

        Assert.Equal(id, hits[0].DocumentId);
        Assert.Equal(["index"], degraded.ToResponse()!);
    }

    /// <summary>An embedded index whose initial load from PostgreSQL has not finished.</summary>
    private sealed class LoadingIndex : IIndexVersion
    {
        public long? Current => null;

        public bool IsReady => false;

        public Task<bool> WaitForAsync(long sequence, CancellationToken cancellationToken) => Task.FromResult(false);
    }

    /// <summary>An index backend that cannot be reached, the way Qdrant's client reports it.</summary>
    private sealed class UnreachableSearchIndex : ISearchIndex
    {
        private static Exception Down() => new RpcException(new Status(StatusCode.Unavailable, "Injected: the index cannot be reached."));

        public Task UpsertDocumentAsync(string documentId, IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken = default) => throw Down();

        public Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default) => throw Down();

        public Task<IReadOnlyList<IndexedChunkId>> ListChunksAsync(CancellationToken cancellationToken = default) => throw Down();

        public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) => throw Down();
    }

    private static string Key(string id) => TestCredentials.KeyOf(id);

    private static Dictionary<string, string> Team(string team) => new() { ["team"] = team };
}
