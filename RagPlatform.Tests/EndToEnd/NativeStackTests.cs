using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagPlatform.Bench.Client;
using RagPlatform.Core.Resilience;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.EndToEnd;

/// <summary>A document goes in and comes back out through the whole stack the AppHost starts.</summary>
[Collection(NativeStackCollection.Name)]
public sealed class NativeStackTests(NativeStackFixture stack)
{
    private const string Markdown = """
        # Beekeeping calendar

        ## Spring

        Hives are inspected every nine days in May to catch swarm cells before the colony divides.

        ## Autumn

        Colonies are fed a two-to-one sugar syrup in September so they can store enough for winter.
        """;

    [Fact]
    public async Task MarkdownDocumentIsIndexedFoundFirstCitedAndThenDeleted()
    {
        var id = $"bees-{Guid.NewGuid():N}";

        var accepted = await stack.Api.PostAsJsonAsync("/api/v1/documents",
            new { id, title = "Beekeeping calendar", content = Markdown, contentType = "text/markdown" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var document = await new RagApiClient(stack.Api).WaitForStatusAsync(id, "indexed", TimeSpan.FromSeconds(90));
        Assert.True(document.GetProperty("chunkCount").GetInt32() >= 1);

        var hits = await new RagApiClient(stack.Api).SearchUntilFirstAsync("inspected every nine days to catch swarm cells", id, TimeSpan.FromSeconds(2));
        Assert.Equal(id, RagApiClient.DocumentIdOf(hits[0]));

        var answer = await (await stack.Api.PostAsJsonAsync("/api/v1/rag/query",
            new { question = "What are colonies fed in September?" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("sugar syrup", answer.GetProperty("answer").GetString());
        Assert.Contains(answer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("documentId").GetString() == id);

        Assert.Equal(HttpStatusCode.NoContent, (await stack.Api.DeleteAsync($"/api/v1/documents/{id}")).StatusCode);
        var after = await new RagApiClient(stack.Api).SearchAsync("inspected every nine days to catch swarm cells");
        Assert.DoesNotContain(after, hit => RagApiClient.DocumentIdOf(hit) == id);
    }

    [Fact]
    public async Task ServicesExposeHealthAndPrometheusMetrics()
    {
        Assert.Equal(HttpStatusCode.OK, (await stack.Api.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stack.Api.GetAsync("/alive")).StatusCode);
        var metrics = await stack.Api.GetStringAsync("/metrics");
        Assert.Contains("http_server_request_duration_seconds", metrics);
        // Every dependency's breaker state from the start, before any call has gone through its pipeline.
        var lines = metrics.Split('\n');
        foreach (var dependency in ResiliencePipelines.Defaults.Keys)
        {
            Assert.Contains(lines, line => line.StartsWith("rag_circuit_breaker_state{", StringComparison.Ordinal)
                && line.Contains($"dependency=\"{dependency}\"", StringComparison.Ordinal));
        }
    }
}
