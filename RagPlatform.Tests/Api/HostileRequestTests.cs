using System.Net;
using System.Net.Http.Json;
using Npgsql;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>
/// Malformed and hostile requests to every endpoint get a 4xx ProblemDetails that names the problem,
/// never a 5xx, and change nothing stored: no document, job, idempotency key or index change.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileRequestTests(ApiFixture fixture) : IAsyncLifetime
{
    public static TheoryData<string> Names => [.. HostileRequestCatalog.Cases.Keys];

    public async ValueTask InitializeAsync()
    {
        try
        {
            await fixture.Api.GetDocumentAsync(HostileRequest.Target);
        }
        catch (RagPlatformApiException missing) when (missing.Status == HttpStatusCode.NotFound)
        {
            await fixture.Api.UploadAsync(new TextDocument("The target of the hostile requests.", Id: HostileRequest.Target));
        }
        await WaitUntilIngestionIsIdleAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void BatteryHoldsAtLeastFortyRequests() => Assert.True(HostileRequestCatalog.Cases.Count >= 40);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task HostileRequestGets4xxProblemNamingItAndStoresNothing(string name)
    {
        var hostile = HostileRequestCatalog.Cases[name];
        var before = await StoredStateAsync();

        using var response = await fixture.Client.SendAsync(hostile.ToMessage());

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == hostile.Status, $"{name}: expected {(int)hostile.Status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.Contains(hostile.Names, StringComparison.OrdinalIgnoreCase), $"{name}: '{hostile.Names}' not in {body}");
        Assert.Equal(before, await StoredStateAsync());
    }

    [Theory]
    [InlineData("title:secret AND body:[* TO *]")]
    [InlineData("*:* OR id:\"hostile-target\"~10^100")]
    [InlineData("\"unterminated phrase (and [brackets} with \\ escapes")]
    [InlineData("' OR 1=1; DROP TABLE documents; --")]
    [InlineData("$..metadata[?(@.team == 'ops')]")]
    [InlineData("NUL \u0000 and RLO \u202E inside")]
    public async Task InjectionInSearchTextIsOnlySearchedFor(string text)
    {
        var before = await StoredStateAsync();

        var search = await fixture.Client.PostAsJsonAsync("/api/v1/rag/search",
            new { query = text, filter = new { metadata = new { team = text.Length > 64 ? text[..64] : text } } });
        var ask = await fixture.Client.PostAsJsonAsync("/api/v1/rag/query", new { question = text });

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Equal(before, await StoredStateAsync());
    }

    private async Task<StoredState> StoredStateAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM documents),
                   (SELECT coalesce(sum(version), 0) FROM documents),
                   (SELECT count(*) FROM ingestion_jobs),
                   (SELECT count(*) FROM idempotency_keys),
                   (SELECT coalesce(max(seq), 0) FROM index_changes)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StoredState(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>Other tests' documents may still be in ingestion, and the worker logs index changes as it finishes them.</summary>
    private async Task WaitUntilIngestionIsIdleAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM ingestion_jobs WHERE status IN ('queued', 'running')", connection);
            if ((long)(await command.ExecuteScalarAsync())! == 0 || DateTime.UtcNow > deadline)
            {
                return;
            }
            await Task.Delay(100);
        }
    }

    private sealed record StoredState(long Documents, long Versions, long Jobs, long IdempotencyKeys, long LastIndexChange);
}
