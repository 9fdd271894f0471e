using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RagPlatform.Client;
using RagPlatform.Core.Resilience;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Resilience;

/// <summary>The embedding breaker against a failing model: searches degrade to keywords, the breaker opens and closes again.</summary>
[Collection(ApiCollection.Name)]
public sealed class CircuitBreakerTests(ApiFixture fixture)
{
    private static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FailingQueryEmbeddingsOpenTheBreakerAndSearchesKeepAnsweringByKeywordUntilItCloses()
    {
        var id = $"breaker-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument("The lighthouse keeper sounds the fog signal every evening at dusk.", Id: id));
        await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed);
        // A replica of the API on a clock this test moves: its breaker's window and break pass when the test says so.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        FaultInjectingEmbeddingGenerator queryEmbeddings = null!;
        await using var api = await fixture.Configure(TestHost.Api())
            .WithSetting($"Resilience:{ResiliencePipelines.Embedding}:MaxRetryAttempts", "0")
            .WithSetting($"Resilience:{ResiliencePipelines.Embedding}:MinimumThroughput", "2")
            .WithSetting($"Resilience:{ResiliencePipelines.Embedding}:SamplingDuration", SamplingDuration.ToString())
            .WithSetting($"Resilience:{ResiliencePipelines.Embedding}:BreakDuration", BreakDuration.ToString())
            .WithTimeProvider(clock)
            .WithServices(services => FaultInjectingEmbeddingGenerator.Wrap(services, wrapper => queryEmbeddings = wrapper))
            .StartAsync();
        using var client = api.CreateClient().Authorize();
        // Tokens are minted on the real clock: catch the fake one up with the time the host took to start.
        clock.SetUtcNow(DateTimeOffset.UtcNow);
        var rag = new RagPlatformClient(client);
        await rag.SearchUntilFoundAsync("lighthouse fog signal", id, TimeSpan.FromSeconds(5));
        var monitor = api.Services.GetRequiredService<CircuitBreakerMonitor>();
        using var opens = new CounterRecorder(CircuitBreakerMonitor.MeterName, "rag.circuit_breaker.opens", "dependency",
            meterScope: api.Services.GetRequiredService<IMeterFactory>());

        clock.Advance(SamplingDuration); // the breaker's window forgets the successful searches above
        queryEmbeddings.FailNext(int.MaxValue / 2);
        try
        {
            // Fresh wording each time, so no cached result or cached vector hides the model. Two failures in the window
            // open the breaker (minimum throughput 2, nothing else sampled).
            for (var i = 0; i < 2; i++)
            {
                var degraded = await rag.SearchAsync(new SearchRequest($"lighthouse fog signal {Guid.NewGuid():N}", 5));
                Assert.Contains("embedding", degraded.DegradedOrEmpty);
                var hit = Assert.Single(degraded.Results, h => h.DocumentId == id);
                Assert.Equal(["keyword"], hit.FoundBy);
            }
            Assert.Equal(CircuitBreakerMonitor.Open, monitor.StateOf(ResiliencePipelines.Embedding));

            // Open: the model is not even called, and the service says it is degraded while still answering.
            var callsWhileOpen = queryEmbeddings.Calls;
            var whileOpen = await rag.SearchAsync(new SearchRequest($"lighthouse keeper {Guid.NewGuid():N}", 5));
            Assert.Contains("embedding", whileOpen.DegradedOrEmpty);
            Assert.Equal(callsWhileOpen, queryEmbeddings.Calls);
            var health = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
            // This API's own counter (its IMeterFactory's meter): the exposition of the breaker metrics is checked where the
            // API is a process of its own (NativeStackTests).
            Assert.Equal(1, opens.Of(ResiliencePipelines.Embedding));

            // Still open just before the break ends, however long the real clock took to get here.
            clock.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));
            await rag.SearchAsync(new SearchRequest($"lighthouse keeper {Guid.NewGuid():N}", 5));
            Assert.Equal(callsWhileOpen, queryEmbeddings.Calls);
        }
        finally
        {
            queryEmbeddings.FailNext(0);
        }

        // After the break the next search is the trial call; it succeeds, the breaker closes, dense results return.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var recovered = await rag.SearchAsync(new SearchRequest($"lighthouse fog signal {Guid.NewGuid():N}", 5));
        Assert.DoesNotContain("embedding", recovered.DegradedOrEmpty);
        var recoveredHit = Assert.Single(recovered.Results, h => h.DocumentId == id);
        Assert.Contains("dense", recoveredHit.FoundBy);
        Assert.Equal(CircuitBreakerMonitor.Closed, monitor.StateOf(ResiliencePipelines.Embedding));
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task AnOpenEmbeddingBreakerInTheWorkerDefersTheDocumentWithoutSpendingItsAttempts()
    {
        // Two failures open the worker's breaker (MinimumThroughput 2); with MaxAttempts 3 a third spent attempt
        // would fail the document for good, so it is indexed only if the claims made while open gave theirs back.
        // Let the breaker's sampling window (one second here) forget earlier tests' successful embeddings first. Real
        // time: the shared worker's queue leases and retry times run on the database's clock, which no test can move.
        await Task.Delay(ApiFixture.BreakDuration + TimeSpan.FromMilliseconds(300));
        fixture.Embeddings.FailNext(2, onlyWhenContaining: "Harbour dues");
        var id = $"deferred-{Guid.NewGuid():N}";

        await fixture.Api.UploadAsync(new TextDocument("Harbour dues are paid at the pilot station before departure.", Id: id));

        var document = await fixture.Api.WaitForStatusAsync(id, DocumentStatuses.Indexed, TimeSpan.FromSeconds(30));
        Assert.Equal(3, document.Attempts);
        var metrics = (await fixture.WorkerClient.GetStringAsync("/metrics")).Split('\n');
        Assert.Contains(metrics, line => line.StartsWith("rag_ingestion_failures_total", StringComparison.Ordinal)
            && line.Contains("reason=\"circuit_open\"", StringComparison.Ordinal));
    }
}
