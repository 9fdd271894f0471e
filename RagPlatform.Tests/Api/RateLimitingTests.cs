using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RagPlatform.Api.RateLimiting;
using RagPlatform.Tests.Infrastructure;
using StackExchange.Redis;

namespace RagPlatform.Tests.Api;

/// <summary>Per-client budgets per endpoint group, shared by API replicas through Redis and kept per instance when Redis is down.</summary>
[Collection(ProtectionCollection.Name)]
public sealed class RateLimitingTests(ProtectionFixture fixture)
{
    private const string Limited = "/api/v1/documents?pageSize=1";
    private const int Limit = ProtectionFixture.DocumentsLimit;

    [Fact]
    public async Task RequestBeyondTheLimitGets429WithRetryAfterAndProblem()
    {
        using var client = ProtectionFixture.ClientOf(fixture.First, NewSubject());
        using var rejections = new CounterRecorder(RateLimitMetrics.MeterName, "rag.ratelimit.rejections", "group",
            meterScope: fixture.First.Services.GetRequiredService<IMeterFactory>());

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Limited)).StatusCode);
        }
        var refused = await client.GetAsync(Limited);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains($"At most {Limit} requests", problem.GetProperty("detail").GetString());
        Assert.True(rejections.Of("documents") >= 1);
    }

    [Fact]
    public async Task BudgetsAreKeptPerClientAndPerGroupAndHealthIsExempt()
    {
        var subject = NewSubject();
        using var client = ProtectionFixture.ClientOf(fixture.First, subject);
        for (var i = 0; i <= Limit; i++)
        {
            await client.GetAsync(Limited);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(Limited)).StatusCode);

        using var someoneElse = ProtectionFixture.ClientOf(fixture.First, NewSubject());
        Assert.Equal(HttpStatusCode.OK, (await someoneElse.GetAsync(Limited)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/rag/search", new { query = "backups" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task TwoInstancesSharingRedisShareOneBudget()
    {
        var subject = NewSubject();
        using var first = ProtectionFixture.ClientOf(fixture.First, subject);
        using var second = ProtectionFixture.ClientOf(fixture.Second, subject);

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await (i % 2 == 0 ? first : second).GetAsync(Limited)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync(Limited)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await second.GetAsync(Limited)).StatusCode);
    }

    [Fact]
    public async Task WithRedisStoppedTheInstanceCountsAloneWithoutStalling()
    {
        await WaitUntilTheInstanceCountsInRedisAsync();
        using var client = ProtectionFixture.ClientOf(fixture.Alone, NewSubject());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Limited)).StatusCode);
        await fixture.OwnRedis.StopAsync();
        try
        {
            var statuses = new List<HttpStatusCode>();
            var slowest = TimeSpan.Zero;
            for (var i = 0; i <= Limit; i++)
            {
                var watch = Stopwatch.StartNew();
                statuses.Add((await client.GetAsync(Limited)).StatusCode);
                slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, watch.Elapsed.Ticks));
            }

            // The count in Redis is out of reach, so this instance starts its own: the limit still holds.
            Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Limit), statuses.Take(Limit));
            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[Limit]);
            Assert.True(slowest < TimeSpan.FromSeconds(2), $"a request took {slowest} with Redis down");
        }
        finally
        {
            await fixture.OwnRedis.StartAgainAsync();
        }
    }

    [Fact]
    public async Task WithRedisFrozenRequestsStopWaitingForItOnceTheBreakerOpens()
    {
        await WaitUntilTheInstanceCountsInRedisAsync();
        using var client = ProtectionFixture.ClientOf(fixture.Alone, NewSubject());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Limited)).StatusCode);
        // A hung server keeps its connections open: each count in Redis waits out RateLimiting:RedisTimeout (100 ms)
        // until the redis breaker has seen enough of them fail.
        await fixture.OwnRedis.FreezeAsync();
        try
        {
            var took = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var watch = Stopwatch.StartNew();
                var status = (await client.GetAsync(Limited)).StatusCode;
                took.Add(watch.Elapsed.TotalMilliseconds);
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"request {i} answered {status}");
            }

            var later = took.Skip(10).Order().ToList();
            Assert.True(later[later.Count / 2] < 80, $"requests took {string.Join(", ", took.Select(t => $"{t:0}"))} ms");
        }
        finally
        {
            await fixture.OwnRedis.ThawAsync();
        }
    }

    [Fact]
    public async Task WithTheDefaultBudgetEveryRequestIsCountedInRedis()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.SharedRedis.ConnectionString);
        var replicas = new[] { NewCounter(redis), NewCounter(redis) };
        var limit = new RateLimit(100, TimeSpan.FromMinutes(1));
        var key = $"rag:ratelimit:test:{NewSubject()}";

        var (accepted, fromReservation) = await SpendAsync(replicas, key, limit);

        Assert.Equal(100, accepted);
        Assert.Equal(0, fromReservation);
    }

    [Fact]
    public async Task ALargeBudgetIsCountedInBatchesYetReplicasTogetherNeverExceedIt()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.SharedRedis.ConnectionString);
        var replicas = new[] { NewCounter(redis), NewCounter(redis) };
        var limit = new RateLimit(2_000, TimeSpan.FromMinutes(1));
        var key = $"rag:ratelimit:test:{NewSubject()}";

        var (accepted, fromReservation) = await SpendAsync(replicas, key, limit);

        // Each replica may end the window holding less than one batch (a hundredth of the budget) unused.
        Assert.InRange(accepted, limit.PermitLimit - replicas.Length * (PermitReservations.MaxBatch(limit) - 1), limit.PermitLimit);
        Assert.True(fromReservation > accepted / 2, $"only {fromReservation} of {accepted} requests used a reserved permit");
    }

    [Fact]
    public async Task ReservedPermitsEndWithTheirWindow()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.SharedRedis.ConnectionString);
        var clock = new FakeTimeProvider();
        var counter = NewCounter(redis, clock);
        var limit = new RateLimit(100_000, TimeSpan.FromSeconds(1));
        var key = $"rag:ratelimit:test:{NewSubject()}";
        for (var i = 0; i < 4; i++)
        {
            Assert.True((await counter.AcquireAsync("test", key, limit, CancellationToken.None)).IsAcquired);
        }
        Assert.True(counter.TryTakeReserved(key), "the batches (1, 2, then 4) should have left permits in reserve");

        clock.Advance(TimeSpan.FromSeconds(1.2));

        Assert.False(counter.TryTakeReserved(key));
        Assert.True((await counter.AcquireAsync("test", key, limit, CancellationToken.None)).IsAcquired);
    }

    private static WindowCounter NewCounter(IConnectionMultiplexer redis, TimeProvider? clock = null) =>
        new(Options.Create(new RateLimitingOptions { RedisTimeout = TimeSpan.FromSeconds(2) }), new RateLimitMetrics(TestMeterFactory.Create()), clock ?? TimeProvider.System,
            NullLogger<WindowCounter>.Instance, Polly.ResiliencePipeline.Empty, redis);

    /// <summary>Requests from the replicas in turn until every one refuses; counts what was accepted and how much of it needed no round trip.</summary>
    private static async Task<(int Accepted, int FromReservation)> SpendAsync(WindowCounter[] replicas, string key, RateLimit limit)
    {
        int accepted = 0, fromReservation = 0;
        var refused = new bool[replicas.Length];
        for (var i = 0; !refused.All(r => r); i = (i + 1) % replicas.Length)
        {
            if (refused[i])
            {
                continue;
            }
            if (replicas[i].TryTakeReserved(key))
            {
                fromReservation++;
                accepted++;
            }
            else if ((await replicas[i].AcquireAsync("test", key, limit, CancellationToken.None)).IsAcquired)
            {
                accepted++;
            }
            else
            {
                refused[i] = true;
            }
        }
        return (accepted, fromReservation);
    }

    /// <summary>
    /// Until a request to the instance with its own Redis is counted in Redis again. After the other test here stopped or
    /// froze that Redis, the client reconnects and the redis breaker closes (its break is 10 s) only after a while, and
    /// meanwhile requests are counted in the instance: a test's first request counted there would shift its budget by one.
    /// </summary>
    private async Task WaitUntilTheInstanceCountsInRedisAsync()
    {
        using var local = new CounterRecorder(RateLimitMetrics.MeterName, "rag.ratelimit.local_decisions", "group",
            meterScope: fixture.Alone.Services.GetRequiredService<IMeterFactory>());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var before = local.Of("documents");
            using var probe = ProtectionFixture.ClientOf(fixture.Alone, NewSubject());
            await probe.GetAsync(Limited);
            // Other tests can only add local decisions, never hide this one's: no change means it went to Redis.
            if (local.Of("documents") == before)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "the instance still counts requests locally 30 s after its Redis came back");
            await Task.Delay(250);
        }
    }

    private static string NewSubject() => $"user-{Guid.NewGuid():N}";
}
