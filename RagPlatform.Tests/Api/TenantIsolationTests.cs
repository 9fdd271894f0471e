using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Bench.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>A tenant can neither read, find nor delete another tenant's documents, even under the same id.</summary>
[Collection(ApiCollection.Name)]
public sealed class TenantIsolationTests(ApiFixture fixture)
{
    [Fact]
    public async Task TenantsNeverSeeOrTouchEachOthersDocuments()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var alpha = fixture.CreateClient(TestCredentials.Token(tenant: $"alpha-{run}"), serviceToken: true);
        using var beta = fixture.CreateClient(TestCredentials.Token(tenant: $"beta-{run}"), serviceToken: true);
        var alphaApi = new RagApiClient(alpha);
        var betaApi = new RagApiClient(beta);
        const string sharedId = "handbook";
        var alphaOnly = $"alpha-secret-{run}";
        var alphaWord = $"zephyrine{run}";

        // The same id in two tenants is two documents, not a conflict.
        await alphaApi.UploadAsync(new { id = sharedId, content = $"Alpha's handbook: the {alphaWord} protocol governs night shifts." });
        await betaApi.UploadAsync(new { id = sharedId, content = "Beta's handbook: lunch is served at noon in the atrium." });
        await alphaApi.UploadAsync(new { id = alphaOnly, content = $"Alpha's confidential {alphaWord} escalation roster." });
        await alphaApi.WaitForStatusAsync(sharedId, "indexed");
        await alphaApi.WaitForStatusAsync(alphaOnly, "indexed");
        await betaApi.WaitForStatusAsync(sharedId, "indexed");
        var alphaHits = await alphaApi.SearchUntilFoundAsync($"{alphaWord} protocol", alphaOnly, TimeSpan.FromSeconds(5));
        Assert.Contains(alphaHits, hit => RagApiClient.DocumentIdOf(hit) == sharedId);

        // Find: beta's search and answers never draw on alpha's chunks.
        var betaHits = await betaApi.SearchAsync($"{alphaWord} protocol escalation roster", topK: 20);
        Assert.All(betaHits, hit => Assert.DoesNotContain(alphaWord, hit.GetProperty("text").GetString()));
        var answer = await (await beta.PostAsJsonAsync("/api/v1/rag/query", new { question = $"What is the {alphaWord} protocol?" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(alphaWord, answer.GetRawText());

        // Read: beta's copy of the shared id is beta's; alpha's own document does not exist for beta.
        var betaHandbook = await beta.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{sharedId}");
        Assert.Equal(sharedId, betaHandbook.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/api/v1/documents/{alphaOnly}")).StatusCode);
        var betaList = await beta.GetFromJsonAsync<JsonElement>("/api/v1/documents?pageSize=100");
        Assert.Equal(1, betaList.GetProperty("total").GetInt64());
        Assert.Equal(sharedId, betaList.GetProperty("items")[0].GetProperty("id").GetString());

        // Delete, replace, retry: alpha's documents are out of beta's reach.
        Assert.Equal(HttpStatusCode.NotFound, (await beta.DeleteAsync($"/api/v1/documents/{alphaOnly}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.PutAsJsonAsync($"/api/v1/documents/{alphaOnly}", new { content = "overwritten" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.PostAsync($"/api/v1/documents/{alphaOnly}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await beta.DeleteAsync($"/api/v1/documents/{sharedId}")).StatusCode);

        Assert.Equal("indexed", (await alpha.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{alphaOnly}")).GetProperty("status").GetString());
        Assert.Equal("indexed", (await alpha.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{sharedId}")).GetProperty("status").GetString());
        var afterDelete = await alphaApi.SearchAsync($"{alphaWord} protocol", topK: 10);
        Assert.Contains(afterDelete, hit => RagApiClient.DocumentIdOf(hit) == sharedId);
    }

    [Fact]
    public async Task AnIdempotencyKeyBelongsToOneTenant()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var alpha = fixture.CreateClient(TestCredentials.Token(tenant: $"alpha-{run}"));
        using var beta = fixture.CreateClient(TestCredentials.Token(tenant: $"beta-{run}"));
        foreach (var client in new[] { alpha, beta })
        {
            client.DefaultRequestHeaders.Add("Idempotency-Key", $"same-key-{run}");
        }

        var first = await alpha.PostAsJsonAsync("/api/v1/documents", new { id = "a", content = "Alpha's upload." });
        var second = await beta.PostAsJsonAsync("/api/v1/documents", new { id = "b", content = "Beta's different upload." });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("b", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await beta.GetAsync("/api/v1/documents/b")).StatusCode);
    }
}
