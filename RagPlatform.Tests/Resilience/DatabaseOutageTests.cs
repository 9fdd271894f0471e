using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RagPlatform.Api.Database;
using RagPlatform.Client;
using RagPlatform.Core.Resilience;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Resilience;

/// <summary>An API whose PostgreSQL goes away or stops answering: its requests answer 503 quickly, searches keep answering from memory.</summary>
[Trait("Category", "Integration")]
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task WithPostgresStoppedUploadsAnswer503WithRetryAfterQuicklyAndSearchesKeepWorking()
    {
        // Its own server and API: stopping the shared fixture's database would break every other test.
        var postgres = await NativePostgres.StartAsync();
        await postgres.CreateDatabaseAsync("ragdb");
        await using var api = await TestHost.Api().WithDatabase(postgres.ConnectionStringFor("ragdb")).StartAsync();
        using var client = api.CreateClient().Authorize();
        var rag = new RagPlatformClient(client);
        await rag.UploadAsync(new TextDocument("Written while the database was up."));

        await postgres.DisposeAsync();

        // Raw HTTP from here: the 503's Retry-After header and problem document are what an outage must answer with.
        var stopwatch = Stopwatch.StartNew();
        var upload = await client.PostAsJsonAsync("/api/v1/documents", new { content = "Written while the database is down." });
        var elapsed = stopwatch.Elapsed;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, upload.StatusCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"the 503 took {elapsed}");
        Assert.True(upload.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After header");
        Assert.Equal("application/problem+json", upload.Content.Headers.ContentType?.MediaType);

        // Enough failures open the breaker: then the answer does not even try the database.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable,
                (await client.PostAsJsonAsync("/api/v1/documents", new { content = "Still down." })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.DeleteAsync("/api/v1/documents/anything")).StatusCode);

        // Searches never touch PostgreSQL: the in-memory index answers, not degraded.
        var search = await rag.SearchAsync(new SearchRequest("written while the database was up", 5));
        Assert.Empty(search.DegradedOrEmpty);

        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithPostgresNotAnsweringReadsAnswer503WithinTheTimeoutThenFailFastOnceTheBreakerOpens()
    {
        // Connections are accepted and never answered: only a timeout ends them (Npgsql's default connect timeout,
        // 15 s, as in production; the test servers' connection strings say 5 s).
        await using var silent = new UnresponsiveServer();
        await using var api = TestHost.Api()
            .WithDatabase($"Host=127.0.0.1;Port={silent.Port};Username=postgres;Database=ragdb;Timeout=15")
            // Once open, the breaker stays open for the rest of the test however slowly a busy machine runs it.
            .WithSetting($"Resilience:{ResiliencePipelines.Postgres}:BreakDuration", "00:01:00")
            .WithServices(services =>
            {
                // A server that never answers cannot be migrated; the API would not start. Everything else starts as usual.
                services.Remove(services.Single(d => d.ImplementationType == typeof(DatabaseMigrationService)));
                // The index synchroniser's own connection attempt (not a request's) waits out Npgsql's connect timeout
                // whatever its cancellation says; stopping the API need not wait for it.
                services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(1));
            })
            .Build();
        using var client = api.CreateClient().Authorize();
        using var apiKeyClient = api.CreateClient();
        apiKeyClient.DefaultRequestHeaders.Add("X-Api-Key", "rpk_not-in-the-cache-so-looked-up-in-postgres");
        var breakers = api.Services.GetRequiredService<CircuitBreakerMonitor>();

        // Five requests that each need PostgreSQL, at once: each waits out the postgres timeout (2 s), not Npgsql's
        // 15 s, and together they are enough failures to open the breaker (minimum throughput 5).
        var first = await Task.WhenAll(
            TimedAsync(() => client.GetAsync("/api/v1/documents")),
            TimedAsync(() => client.GetAsync("/api/v1/documents/some-id")),
            TimedAsync(() => client.PostAsync("/api/v1/documents/some-id/retry", null)),
            TimedAsync(() => client.GetAsync("/api/v1/admin/api-keys")),
            TimedAsync(() => apiKeyClient.GetAsync("/api/v1/documents")));
        foreach (var (response, elapsed) in first)
        {
            await AssertUnavailableAsync(response);
            Assert.True(elapsed < TimeSpan.FromSeconds(8), $"{response.RequestMessage!.RequestUri} took {elapsed}");
        }
        Assert.Equal(CircuitBreakerMonitor.Open, breakers.StateOf(ResiliencePipelines.Postgres));

        // With the breaker open, reads do not even try: quicker than the 2 s any attempt takes.
        foreach (var path in new[] { "/api/v1/documents", "/api/v1/documents/some-id" })
        {
            var (response, elapsed) = await TimedAsync(() => client.GetAsync(path));
            await AssertUnavailableAsync(response);
            Assert.True(elapsed < TimeSpan.FromSeconds(2), $"{path} took {elapsed} with the breaker open");
        }
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        // Raw HTTP from here: the 503's Retry-After header and problem document are what an outage must answer with.
        var stopwatch = Stopwatch.StartNew();
        var response = await send();
        return (response, stopwatch.Elapsed);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var path = response.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path} answered {(int)response.StatusCode}");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{path}: no Retry-After header");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, problem?.Status);
    }
}
