using System.Net;
using RagPlatform.Client;
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
        var api = new RagPlatformClient(stack.Api);

        var accepted = await api.UploadAsync(new TextDocument(Markdown, "text/markdown", id, "Beekeeping calendar"));
        Assert.Equal(DocumentStatuses.Queued, accepted.Status);

        var document = await api.WaitForStatusAsync(id, DocumentStatuses.Indexed, TimeSpan.FromSeconds(90));
        Assert.True(document.ChunkCount >= 1);

        var hits = await api.SearchUntilFirstAsync("inspected every nine days to catch swarm cells", id, TimeSpan.FromSeconds(2));
        Assert.Equal(id, hits[0].DocumentId);

        var answer = await api.AskAsync(new AskRequest("What are colonies fed in September?"));
        Assert.Contains("sugar syrup", answer.Text);
        Assert.Contains(answer.Citations, c => c.DocumentId == id);

        Assert.True((await api.DeleteAsync(id)).RemovedFromSearch);
        var after = await api.SearchAsync("inspected every nine days to catch swarm cells");
        Assert.DoesNotContain(after, hit => hit.DocumentId == id);
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
