using System.Net.Http.Headers;
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
        await fixture.BenchApi.UploadAsync(new { id = good, content = "Metrics make ingestion observable." });
        var bad = $"metrics-bad-{Guid.NewGuid():N}";
        var file = new ByteArrayContent("%PDF-1.4 not really"u8.ToArray());
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        (await fixture.Client.PostAsync("/api/v1/documents",
            new MultipartFormDataContent { { file, "file", "bad.pdf" }, { new StringContent(bad), "id" } })).EnsureSuccessStatusCode();
        await fixture.BenchApi.WaitForStatusAsync(good, "indexed");
        await fixture.BenchApi.WaitForStatusAsync(bad, "failed");

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
