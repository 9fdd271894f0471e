using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RagPlatform.Bench.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>Metadata filters, minScore and source positions through the HTTP API, on documents uploaded with metadata.</summary>
[Collection(ApiCollection.Name)]
public sealed class SearchFilterTests(ApiFixture fixture)
{
    private const string Query = "how often do the backup snapshots run";

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"query":"x","filter":"team=ops"}""", "filter" },
        { """{"query":"x","filter":{"team":"ops"}}""", "filter" },
        { """{"query":"x","filter":{"metadata":["ops"]}}""", "filter" },
        { """{"query":"x","filter":{"metadata":{"team":7}}}""", "filter" },
        { """{"query":"x","filter":{"metadata":{"team":[]}}}""", "filter" },
        { """{"query":"x","filter":{"metadata":{"team":["ops",null]}}}""", "filter" },
        { """{"query":"x","filter":{"metadata":{"team.name":"ops"}}}""", "filter" },
        { """{"query":"x","filter":{"metadata":{"team":"ops","team":"sre"}}}""", "filter" },
        { "{\"query\":\"x\",\"filter\":{\"metadata\":{\"team\":\"" + new string('x', 1025) + "\"}}}", "filter" },
        { """{"query":"x","filter":{"metadata":{""" + string.Join(',', Enumerable.Range(0, 17).Select(i => $"\"k{i}\":\"v\"")) + "}}}", "filter" },
        { """{"query":"x","minScore":1.5}""", "minScore" },
        { """{"query":"x","minScore":-0.1}""", "minScore" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadFilterOrMinScoreGets400NamingTheField(string body, string field)
    {
        foreach (var path in new[] { "/api/v1/rag/search", "/api/v1/rag/query" })
        {
            var json = body.Replace("\"query\"", path.EndsWith("query", StringComparison.Ordinal) ? "\"question\"" : "\"query\"", StringComparison.Ordinal);
            var response = await fixture.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
        }
    }

    [Fact]
    public async Task FiltersMatchEqualitySetsAndEveryKey()
    {
        var (collection, ops, sre, dev) = await UploadTeamsAsync();

        var equal = await SearchIdsAsync(collection, new { metadata = new { team = "ops" } });
        var set = await SearchIdsAsync(collection, new { metadata = new { team = new[] { "ops", "sre" } } });
        var both = await SearchIdsAsync(collection, new { metadata = new { team = new[] { "ops", "sre" }, region = "eu" } });
        var unknownKey = await SearchIdsAsync(collection, new { metadata = new { owner = "ops" } });
        var injection = await SearchIdsAsync(collection, new { metadata = new { team = "ops' OR 1=1 --\"}" } });

        Assert.Equal([ops], equal);
        Assert.Equal(new[] { ops, sre }.Order(), set.Order());
        Assert.Equal([sre], both);
        Assert.Empty(unknownKey);
        Assert.Empty(injection);
        Assert.DoesNotContain(dev, set);
    }

    [Fact]
    public async Task MinScoreDropsWeakHitsAndResultsSayWhereTheyAre()
    {
        var (collection, ops, _, _) = await UploadTeamsAsync();

        var all = await SearchAsync(new { query = Query, topK = 10, collection });
        var strong = await SearchAsync(new { query = Query, topK = 10, collection, minScore = 0.2 });

        // Each runbook is two chunks (one per heading); the canteen notice and the runbooks' opening chunks share no
        // word with the query, so only the dense side finds them, and their probability of relevance is near 0 (the
        // backup chunks' is about 0.6). 0.2 is the threshold README suggests.
        Assert.Equal(7, all.Count);
        Assert.All(all, hit => Assert.InRange(hit.GetProperty("score").GetDouble(), 0, 1));
        Assert.Equal(3, strong.Count);
        Assert.All(strong, hit => Assert.True(hit.GetProperty("score").GetDouble() >= 0.2));
        Assert.DoesNotContain(strong, hit => RagApiClient.DocumentIdOf(hit)!.StartsWith("canteen", StringComparison.Ordinal));

        var hit = strong.Single(h => RagApiClient.DocumentIdOf(h) == ops);
        Assert.Equal("Runbook > Backups", hit.GetProperty("headingPath").GetString());
        var start = hit.GetProperty("startOffset").GetInt32();
        Assert.True(hit.GetProperty("endOffset").GetInt32() > start);
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("pageNumber").ValueKind);
        Assert.NotEmpty(hit.GetProperty("foundBy").EnumerateArray());
    }

    [Fact]
    public async Task AskIsFilteredToo()
    {
        var (collection, _, sre, _) = await UploadTeamsAsync();

        var response = await fixture.Client.PostAsJsonAsync("/api/v1/rag/query",
            new { question = Query, collection, filter = new { metadata = new { team = "sre" } } });

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var citations = body.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        Assert.All(citations, c => Assert.Equal(sre, c.GetProperty("documentId").GetString()));
        Assert.Equal("Runbook > Backups", citations[0].GetProperty("headingPath").GetString());
    }

    /// <summary>Three runbooks on the same subject in a collection of their own, owned by different teams.</summary>
    private async Task<(string Collection, string Ops, string Sre, string Dev)> UploadTeamsAsync()
    {
        var collection = $"filters-{Guid.NewGuid():N}";
        var ids = new List<string>();
        foreach (var (team, region, detail) in new[] { ("ops", "us", "nightly at 02:00"), ("sre", "eu", "every four hours"), ("dev", "eu", "weekly on Sundays") })
        {
            var id = $"{team}-{Guid.NewGuid():N}";
            await fixture.BenchApi.UploadAsync(new
            {
                id, collection, contentType = "text/markdown",
                content = $"# Runbook\n\nThe {team} team owns this runbook.\n\n## Backups\n\nBackup snapshots run {detail} and are kept for 30 days.",
                metadata = new Dictionary<string, string> { ["team"] = team, ["region"] = region },
            });
            ids.Add(id);
        }
        var canteen = $"canteen-{Guid.NewGuid():N}";
        await fixture.BenchApi.UploadAsync(new
        {
            id = canteen, collection, content = "The cafeteria serves lunch from noon until two.",
            metadata = new Dictionary<string, string> { ["team"] = "facilities" },
        });
        ids.Add(canteen);
        foreach (var id in ids)
        {
            await fixture.BenchApi.WaitForStatusAsync(id, "indexed");
        }
        // Indexed in PostgreSQL; the API's index follows within moments.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while ((await SearchAsync(new { query = Query, topK = 10, collection })).Select(RagApiClient.DocumentIdOf).Distinct().Count() < ids.Count
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        return (collection, ids[0], ids[1], ids[2]);
    }

    private async Task<List<string?>> SearchIdsAsync(string collection, object filter) =>
        (await SearchAsync(new { query = Query, topK = 10, collection, filter })).Select(RagApiClient.DocumentIdOf).Distinct().ToList();

    private async Task<List<JsonElement>> SearchAsync(object body)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/v1/rag/search", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
    }
}
