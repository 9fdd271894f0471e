using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>What an operator scraping the worker's /metrics sees about ingestion.</summary>
[Collection(ApiCollection.Name)]
public sealed class IngestionMetricsTests(ApiFixture fixture)
{
    [Fact]
    public async Task WorkerMetricsShowThroughputQueueStepDurationsAndFailuresByReason()
    {
        var good = $"metrics-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new TextDocument("Metrics make ingestion observable.", Id: good));
        var bad = $"metrics-bad-{Guid.NewGuid():N}";
        await fixture.Api.UploadAsync(new FileUpload(new MemoryStream("%PDF-1.4 not really"u8.ToArray()), "bad.pdf", "application/pdf", Id: bad));
        await fixture.Api.WaitForStatusAsync(good, DocumentStatuses.Indexed);
        await fixture.Api.WaitForStatusAsync(bad, DocumentStatuses.Failed);

        var metrics = await fixture.WorkerClient.GetStringAsync("/metrics");

        Assert.Contains("rag_ingestion_documents_total{", metrics);
        Assert.Contains("outcome=\"indexed\"", metrics);
        Assert.Contains("rag_ingestion_chunks_total", metrics);
        Assert.Contains("rag_ingestion_step_duration_seconds_bucket{", metrics);
        Assert.Contains("step=\"embed\"", metrics);
        Assert.Contains("rag_ingestion_queue_depth{", metrics);
        Assert.Contains("rag_ingestion_queue_lag_seconds", metrics);
        Assert.Matches("rag_ingestion_failures_total\\{[^}]*reason=\"unreadable\"", metrics);
    }
}
