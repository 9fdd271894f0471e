using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Tests.Storage;

/// <summary>
/// Leases, backoff and lost jobs of the ingestion queue, against a real PostgreSQL on a clock the test moves: nothing
/// here waits for time to pass.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class IngestionQueueTests(StorageFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ALeaseThatRunsOutIsClaimedByAnotherWorkerWhoseResultAloneIsWritten()
    {
        var stores = await fixture.CreateStoresAsync(new IngestionQueueOptions { Lease = TimeSpan.FromMinutes(2) });
        await stores.UploadAsync("handbook");
        var first = (await stores.Queue.ClaimAsync("worker-a", None))!;

        stores.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.Null(await stores.Queue.ClaimAsync("worker-b", None));
        stores.Time.Advance(TimeSpan.FromSeconds(2));
        var second = await stores.Queue.ClaimAsync("worker-b", None);

        Assert.NotNull(second);
        Assert.Equal((first.JobId, 2), (second.JobId, second.Attempt));
        Assert.False(await stores.Queue.HeartbeatAsync(first, None));
        Assert.Equal(CompletionOutcome.TakenOver, await stores.Queue.CompleteAsync(first, stores.Indexed(first, "written by the worker that lost its lease"), None));
        Assert.Equal(CompletionOutcome.Completed, await stores.Queue.CompleteAsync(second, stores.Indexed(second, "written by the worker that took over"), None));
        var document = (await stores.Documents.GetAsync(first.DocumentId, None))!;
        Assert.Equal((DocumentStatus.Indexed, 1, 2), (document.Status, document.ChunkCount, document.Attempts));
        Assert.Equal(["written by the worker that took over"], await stores.ChunkTextsAsync(first.DocumentId));
    }

    [Fact]
    public async Task AHeartbeatKeepsTheJobFromOtherWorkersPastItsFirstLease()
    {
        var stores = await fixture.CreateStoresAsync(new IngestionQueueOptions { Lease = TimeSpan.FromMinutes(2) });
        await stores.UploadAsync("handbook");
        var job = (await stores.Queue.ClaimAsync("worker-a", None))!;

        stores.Time.Advance(TimeSpan.FromSeconds(90));
        Assert.True(await stores.Queue.HeartbeatAsync(job, None));
        stores.Time.Advance(TimeSpan.FromSeconds(90));
        Assert.Null(await stores.Queue.ClaimAsync("worker-b", None));

        // Without further heartbeats the extended lease runs out too.
        stores.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(job.JobId, (await stores.Queue.ClaimAsync("worker-b", None))?.JobId);
    }

    [Fact]
    public async Task AFailedAttemptIsHeldBackUntilItsBackoffHasPassed()
    {
        // The first retry waits between half and all of the base delay (jitter): 5 to 10 s here.
        var stores = await fixture.CreateStoresAsync(new IngestionQueueOptions { RetryBaseDelay = TimeSpan.FromSeconds(10) });
        await stores.UploadAsync("handbook");
        var job = (await stores.Queue.ClaimAsync("worker-a", None))!;

        Assert.Equal(FailureOutcome.WillRetry, await stores.Queue.FailAsync(job, "embed: the model timed out", permanent: false, None));
        var document = (await stores.Documents.GetAsync(job.DocumentId, None))!;
        Assert.Equal((DocumentStatus.Queued, "embed: the model timed out", 1), (document.Status, document.Error, document.Attempts));

        Assert.Null(await stores.Queue.ClaimAsync("worker-a", None));
        stores.Time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Null(await stores.Queue.ClaimAsync("worker-a", None));
        stores.Time.Advance(TimeSpan.FromSeconds(5.2));
        var retried = await stores.Queue.ClaimAsync("worker-a", None);
        Assert.Equal((job.JobId, 2), (retried?.JobId, retried?.Attempt));
    }

    [Fact]
    public async Task ADeferredAttemptIsGivenBackButStillWaitsItsBackoff()
    {
        var stores = await fixture.CreateStoresAsync(new IngestionQueueOptions { MaxAttempts = 1, RetryBaseDelay = TimeSpan.FromSeconds(10) });
        await stores.UploadAsync("handbook");
        var job = (await stores.Queue.ClaimAsync("worker-a", None))!;

        Assert.Equal(FailureOutcome.WillRetry, await stores.Queue.DeferAsync(job, "embed: the breaker is open", None));
        Assert.Equal(0, (await stores.Documents.GetAsync(job.DocumentId, None))!.Attempts);
        Assert.Null(await stores.Queue.ClaimAsync("worker-a", None));
        stores.Time.Advance(TimeSpan.FromSeconds(10));
        var again = (await stores.Queue.ClaimAsync("worker-a", None))!;

        // With one attempt allowed, the deferred one did not count: this is still the first.
        Assert.Equal(1, again.Attempt);
        Assert.Equal(FailureOutcome.GaveUp, await stores.Queue.FailAsync(again, "embed: the model timed out", permanent: false, None));
    }

    [Fact]
    public async Task TheLastAllowedAttemptFailsTheDocumentForGoodUntilItIsRetried()
    {
        var stores = await fixture.CreateStoresAsync(new IngestionQueueOptions { MaxAttempts = 2 });
        await stores.UploadAsync("handbook");
        Assert.Equal(FailureOutcome.WillRetry, await stores.Queue.FailAsync((await stores.Queue.ClaimAsync("w", None))!, "index: down", false, None));
        stores.Time.Advance(TimeSpan.FromHours(1));
        var last = (await stores.Queue.ClaimAsync("w", None))!;

        Assert.Equal(FailureOutcome.GaveUp, await stores.Queue.FailAsync(last, "index: down", false, None));
        var failed = (await stores.Documents.GetAsync(last.DocumentId, None))!;
        Assert.Equal(DocumentStatus.Failed, failed.Status);
        Assert.Equal("Gave up after 2 attempts: index: down (POST /api/v1/documents/handbook/retry tries again.)", failed.Error);
        stores.Time.Advance(TimeSpan.FromDays(1));
        Assert.Null(await stores.Queue.ClaimAsync("w", None));

        Assert.IsType<EnqueueOutcome.Created>(await stores.Queue.RetryAsync(last.DocumentId, None));
        var retried = (await stores.Queue.ClaimAsync("w", None))!;
        Assert.Equal(1, retried.Attempt);
    }

    [Fact]
    public async Task APermanentErrorFailsTheDocumentAtTheFirstAttempt()
    {
        var stores = await fixture.CreateStoresAsync();
        await stores.UploadAsync("scan");
        var job = (await stores.Queue.ClaimAsync("w", None))!;

        Assert.Equal(FailureOutcome.GaveUp, await stores.Queue.FailAsync(job, "extract: no text layer", permanent: true, None));
        var document = (await stores.Documents.GetAsync(job.DocumentId, None))!;
        Assert.Equal((DocumentStatus.Failed, "extract: no text layer"), (document.Status, document.Error));
    }

    [Fact]
    public async Task AJobWhoseDocumentWasDeletedOrReplacedMeanwhileIsGoneAndItsResultIsNotWritten()
    {
        var stores = await fixture.CreateStoresAsync();
        await stores.UploadAsync("deleted");
        await stores.UploadAsync("replaced");
        var deletedJob = (await stores.Queue.ClaimAsync("w", None))!;
        var replacedJob = (await stores.Queue.ClaimAsync("w", None))!;

        Assert.NotNull(await stores.Documents.DeleteAsync(deletedJob.DocumentId, None));
        Assert.IsType<EnqueueOutcome.Created>(await stores.Queue.EnqueueAsync(
            stores.Documents.Replace(Stores.Content(replacedJob.DocumentId, "The second version.")), null, None));

        Assert.Equal(CompletionOutcome.JobGone, await stores.Queue.CompleteAsync(deletedJob, stores.Indexed(deletedJob, "stale"), None));
        Assert.Equal(CompletionOutcome.JobGone, await stores.Queue.CompleteAsync(replacedJob, stores.Indexed(replacedJob, "stale"), None));
        Assert.Equal(FailureOutcome.JobLost, await stores.Queue.FailAsync(replacedJob, "late", permanent: true, None));
        Assert.Null(await stores.Documents.GetAsync(deletedJob.DocumentId, None));
        var replaced = (await stores.Documents.GetAsync(replacedJob.DocumentId, None))!;
        Assert.Equal((DocumentStatus.Queued, 2, 0, (string?)null), (replaced.Status, replaced.Version, replaced.ChunkCount, replaced.Error));
        Assert.Empty(await stores.ChunkTextsAsync(replacedJob.DocumentId));
        Assert.Equal("The second version."u8.ToArray(), (await stores.Queue.ClaimAsync("w", None))?.Content);
    }

    [Fact]
    public async Task TheQueueReportsWhatIsWaitingAndForHowLongByItsOwnClock()
    {
        var stores = await fixture.CreateStoresAsync();
        await stores.UploadAsync("oldest");
        stores.Time.Advance(TimeSpan.FromSeconds(20));
        await stores.UploadAsync("second");
        await stores.UploadAsync("third");
        Assert.Equal("oldest", Tenants.DocumentId((await stores.Queue.ClaimAsync("w", None))!.DocumentId));
        stores.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(new QueueDepth(Waiting: 2, Running: 1, Lag: TimeSpan.FromSeconds(10)), await stores.Queue.MeasureAsync(None));
    }

    [Fact]
    public async Task AJobWhoseWorkerStoppedRenewingItsLeaseCountsAsWaitingFromTheLeasesEnd()
    {
        var stores = await fixture.CreateStoresAsync();
        await stores.UploadAsync("abandoned");
        Assert.NotNull(await stores.Queue.ClaimAsync("killed-worker", None));

        stores.Time.Advance(new IngestionQueueOptions().Lease + TimeSpan.FromSeconds(7));

        Assert.Equal(new QueueDepth(Waiting: 1, Running: 0, Lag: TimeSpan.FromSeconds(7)), await stores.Queue.MeasureAsync(None));
    }
}
