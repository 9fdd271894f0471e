using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Resilience;

/// <summary>An API whose PostgreSQL goes away: writes answer 503 quickly, searches keep answering from memory.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task WithPostgresStoppedUploadsAnswer503WithRetryAfterQuicklyAndSearchesKeepWorking()
    {
        // Its own server and API: stopping the shared fixture's database would break every other test.
        var postgres = await NativePostgres.StartAsync();
        await postgres.CreateDatabaseAsync("ragdb");
        await using var api = new WebApplicationFactory<ApiMarker>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:ragdb", postgres.ConnectionStringFor("ragdb"));
            builder.UseSetting("Index:Backend", "embedded");
            builder.UseTestCredentials();
        });
        using var client = api.CreateClient().Authorize();
        await client.WaitUntilHealthyAsync();
        var accepted = await client.PostAsJsonAsync("/api/v1/documents", new { content = "Written while the database was up." });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        await postgres.DisposeAsync();

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
        var search = await client.SearchResponseAsync("written while the database was up");
        Assert.Empty(RagApiClient.DegradedOf(search));

        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
    }
}
