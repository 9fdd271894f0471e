using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RagPlatform.Client;
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

    // Raw JSON: a filter's value may be one string or a list of them on the wire (the typed client always sends lists).
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

        var all = (await fixture.Api.SearchAsync(new SearchRequest(Query, 10, new SearchScope(collection)))).Results;
        var strong = (await fixture.Api.SearchAsync(new SearchRequest(Query, 10, new SearchScope(collection, MinScore: 0.2)))).Results;

        // Each runbook is two chunks (one per heading); the canteen notice and the runbooks' opening chunks share no
        // word with the query, so only the dense side finds them, and their probability of relevance is near 0 (the
        // backup chunks' is about 0.6). 0.2 is the threshold README suggests.
        Assert.Equal(7, all.Count);
        Assert.All(all, hit => Assert.InRange(hit.Score, 0, 1));
        Assert.Equal(3, strong.Count);
        Assert.All(strong, hit => Assert.True(hit.Score >= 0.2));
        Assert.DoesNotContain(strong, hit => hit.DocumentId.StartsWith("canteen", StringComparison.Ordinal));

        var hit = strong.Single(h => h.DocumentId == ops);
        Assert.Equal("Runbook > Backups", hit.HeadingPath);
        Assert.True(hit.EndOffset > hit.StartOffset);
        Assert.Null(hit.PageNumber);
        Assert.NotEmpty(hit.FoundBy);
    }

    [Fact]
    public async Task AskIsFilteredToo()
    {
        var (collection, _, sre, _) = await UploadTeamsAsync();

        var answer = await fixture.Api.AskAsync(new AskRequest(Query,
            Scope: new SearchScope(collection, new Dictionary<string, IReadOnlyList<string>> { ["team"] = ["sre"] })));

        Assert.NotEmpty(answer.Citations);
        Assert.All(answer.Citations, c => Assert.Equal(sre, c.DocumentId));
        Assert.Equal("Runbook > Backups", answer.Citations[0].HeadingPath);
    }

    /// <summary>Three runbooks on the same subject in a collection of their own, owned by different teams.</summary>
    private async Task<(string Collection, string Ops, string Sre, string Dev)> UploadTeamsAsync()
    {
        var collection = $"filters-{Guid.NewGuid():N}";
        var ids = new List<string>();
        foreach (var (team, region, detail) in new[] { ("ops", "us", "nightly at 02:00"), ("sre", "eu", "every four hours"), ("dev", "eu", "weekly on Sundays") })
        {
            var id = $"{team}-{Guid.NewGuid():N}";
            await fixture.Api.UploadAsync(new TextDocument(
                $"# Runbook\n\nThe {team} team owns this runbook.\n\n## Backups\n\nBackup snapshots run {detail} and are kept for 30 days.",
                "text/markdown", id, Collection: collection, Metadata: new Dictionary<string, string> { ["team"] = team, ["region"] = region }));
            ids.Add(id);
        }
        var canteen = $"canteen-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument("The cafeteria serves lunch from noon until two.", Id: canteen, Collection: collection,
            Metadata: new Dictionary<string, string> { ["team"] = "facilities" }));
        ids.Add(canteen);
        foreach (var id in ids)
        {
            await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        }
        // Indexed in PostgreSQL; the API's index follows within moments.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while ((await fixture.Api.SearchAsync(Query, topK: 10, collection)).Select(hit => hit.DocumentId).Distinct().Count() < ids.Count
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        return (collection, ids[0], ids[1], ids[2]);
    }

    private async Task<List<string?>> SearchIdsAsync(string collection, object filter)
    {
        var response = await fixture.Client.PostAsJsonAsync("/api/v1/rag/search", new { query = Query, topK = 10, collection, filter });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray()
            .Select(hit => hit.GetProperty("documentId").GetString()).Distinct().ToList();
    }
}
