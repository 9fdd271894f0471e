using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RagPlatform.Api.Ingestion;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Tests.Storage;

/// <summary>The API's health says so when queued work has no live worker, on the queue's own (fake) clock.</summary>
[Collection(StorageCollection.Name)]
public sealed class IngestionWorkersHealthTests(StorageFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task QueuedWorkThatNoWorkerTakesMakesHealthDegraded()
    {
        var stores = await fixture.CreateStoresAsync();
        var check = new IngestionWorkersHealthCheck(stores.Queue, Options.Create(new IngestionHealthOptions()));
        await stores.UploadAsync("waiting");

        stores.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), None)).Status);

        stores.Time.Advance(TimeSpan.FromSeconds(15));
        var stalled = await check.CheckHealthAsync(new HealthCheckContext(), None);
        Assert.Equal(HealthStatus.Degraded, stalled.Status);
        Assert.StartsWith("Ingestion has stopped: 1 job(s) due, the oldest for 35 s", stalled.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorkerHoldingALiveLeaseKeepsHealthHealthyUntilItsLeaseRunsOut()
    {
        var stores = await fixture.CreateStoresAsync();
        var check = new IngestionWorkersHealthCheck(stores.Queue, Options.Create(new IngestionHealthOptions()));
        await stores.UploadAsync("busy");
        await stores.UploadAsync("behind");
        Assert.NotNull(await stores.Queue.ClaimAsync("worker-1", None));

        // A long document: the other job waits, but a worker is alive and renewing its lease.
        stores.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), None)).Status);

        // The worker was killed: nobody renews the lease, and once it has run out nothing holds any job.
        stores.Time.Advance(new IngestionQueueOptions().Lease);
        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(new HealthCheckContext(), None)).Status);
    }
}
