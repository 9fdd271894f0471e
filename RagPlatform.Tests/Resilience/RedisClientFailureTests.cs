using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using RagPlatform.Api.RateLimiting;
using RagPlatform.Api.Search;
using RagPlatform.Core.Resilience;
using RagPlatform.Tests.Infrastructure;
using StackExchange.Redis;

namespace RagPlatform.Tests.Resilience;

/// <summary>
/// Whatever the Redis client throws costs a request its cache, never the request. The exception used is the one
/// StackExchange.Redis 2.13 threw in CI while tearing down a frozen server's socket (a 500 from the rate limiter then).
/// A real Redis cannot be made to throw it on demand, so the client here is a stand-in whose every command throws.
/// </summary>
public sealed class RedisClientFailureTests
{
    private static readonly InvalidOperationException ClientBug = new("Reading is not allowed after reader was completed.");

    [Fact]
    public async Task SearchCacheReadMissesAndSaysTheCacheIsMissing()
    {
        var cache = new SearchCache(new FixedVersion(), new SearchMetrics(TestMeterFactory.Create()), NullLogger<SearchCache>.Instance, RedisPipeline(), ThrowingRedis.Create(ClientBug));
        var degraded = new Degradations();
        var key = cache.KeyFor("t", "tide tables", 5, null, null, 0);

        var hit = await cache.GetAsync(key, degraded);
        cache.Set(key, new SearchResponse([]));

        Assert.Null(hit);
        Assert.True(degraded.Contains(Degradations.Cache));
    }

    [Fact]
    public async Task QueryEmbeddingCacheReadMissesAndSaysTheCacheIsMissing()
    {
        var cache = new QueryEmbeddingCache(new SearchMetrics(TestMeterFactory.Create()), NullLogger<QueryEmbeddingCache>.Instance, RedisPipeline(), ThrowingRedis.Create(ClientBug));
        var degraded = new Degradations();
        var key = QueryEmbeddingCache.KeyFor("t", "model", "tide tables");

        var vector = await cache.GetAsync(key, degraded);
        cache.Set(key, new float[] { 1, 2, 3 });

        Assert.Null(vector);
        Assert.True(degraded.Contains(Degradations.Cache));
    }

    [Fact]
    public async Task RateLimiterCountsInThisInstanceAndStillEnforcesTheBudget()
    {
        var options = Options.Create(new RateLimitingOptions { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) });
        var counter = new WindowCounter(options, new RateLimitMetrics(TestMeterFactory.Create()), TimeProvider.System, NullLogger<WindowCounter>.Instance, RedisPipeline(), ThrowingRedis.Create(ClientBug));
        var limit = options.Value.For("search");

        var decisions = new List<WindowDecision>();
        for (var i = 0; i < 3; i++)
        {
            decisions.Add(await counter.AcquireAsync("search", "client-a", limit, CancellationToken.None));
        }

        Assert.Equal([true, true, false], decisions.Select(d => d.IsAcquired));
    }

    [Fact]
    public async Task TheRedisBreakerOpensOnAnyClientFailure()
    {
        var pipeline = RedisPipeline();
        var defaults = ResiliencePipelines.Defaults[ResiliencePipelines.Redis];

        for (var i = 0; i < defaults.MinimumThroughput; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.ExecuteAsync<int>(_ => throw ClientBug).AsTask());
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => pipeline.ExecuteAsync(_ => ValueTask.FromResult(1)).AsTask());
    }

    [Fact]
    public void OnlyTheCallersOwnCancellationIsNotACacheFailure()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.True(DependencyFailures.IsCacheFailure(ClientBug));
        Assert.True(DependencyFailures.IsCacheFailure(new TaskCanceledException(), CancellationToken.None));
        Assert.False(DependencyFailures.IsCacheFailure(new TaskCanceledException(), cancelled.Token));
    }

    /// <summary>The production redis pipeline (breaker, 100 ms timeout), built as the API builds it.</summary>
    private static ResiliencePipeline RedisPipeline()
    {
        var services = new ServiceCollection().AddLogging().AddMetrics().BuildServiceProvider();
        var builder = new ResiliencePipelineBuilder();
        ResiliencePipelines.Configure(builder, ResiliencePipelines.Redis, ResiliencePipelines.Defaults[ResiliencePipelines.Redis],
            ActivatorUtilities.CreateInstance<CircuitBreakerMonitor>(services));
        return builder.Build();
    }

    private sealed class FixedVersion : IIndexVersion
    {
        public long? Current => 1;
        public Task<bool> WaitForAsync(long sequence, CancellationToken cancellationToken) => Task.FromResult(true);
    }

    /// <summary>A connected multiplexer whose databases throw <c>failure</c> from every command.</summary>
    public class ThrowingRedis : DispatchProxy
    {
        private Exception _failure = null!;
        private bool _isDatabase;

        public static IConnectionMultiplexer Create(Exception failure)
        {
            var proxy = Create<IConnectionMultiplexer, ThrowingRedis>();
            ((ThrowingRedis)(object)proxy)._failure = failure;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (!_isDatabase)
            {
                switch (method!.Name)
                {
                    case "get_IsConnected":
                        return true;
                    case nameof(IConnectionMultiplexer.GetDatabase):
                        var database = Create<IDatabase, ThrowingRedis>();
                        ((ThrowingRedis)(object)database)._failure = _failure;
                        ((ThrowingRedis)(object)database)._isDatabase = true;
                        return database;
                }
            }
            throw _failure;
        }
    }
}
