using System.Text.Json;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Tests.Storage;

/// <summary>What queuing a document answers: created, a replayed response for an idempotent repeat, or a refusal that writes nothing.</summary>
[Collection(StorageCollection.Name)]
public sealed class EnqueueTests(StorageFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ARepeatUnderTheSameIdempotencyKeyReplaysTheFirstResponseAndQueuesNothingMore()
    {
        var stores = await fixture.CreateStoresAsync();
        await stores.UploadAsync("first", idempotency: Request("upload-1", hash: 1, response: new { id = "first" }));

        var repeat = await stores.Queue.EnqueueAsync(
            stores.Documents.Insert(Stores.Content(Key("second"), "Another id, same request.")), Request("upload-1", hash: 1, response: new { id = "second" }), None);

        var replayed = Assert.IsType<EnqueueOutcome.Replayed>(repeat);
        Assert.Equal(202, replayed.StatusCode);
        Assert.Equal("first", JsonDocument.Parse(replayed.ResponseJson).RootElement.GetProperty("id").GetString());
        Assert.Null(await stores.Documents.GetAsync(Key("second"), None));
        Assert.Equal(1, (await stores.Queue.MeasureAsync(None)).Waiting);
    }

    [Fact]
    public async Task AnIdempotencyKeyReusedForAnotherRequestWritesNothing()
    {
        var stores = await fixture.CreateStoresAsync();
        await stores.UploadAsync("first", idempotency: Request("upload-1", hash: 1, response: new { id = "first" }));

        var reused = await stores.Queue.EnqueueAsync(
            stores.Documents.Insert(Stores.Content(Key("second"), "A different request.")), Request("upload-1", hash: 2, response: new { id = "second" }), None);

        Assert.IsType<EnqueueOutcome.KeyReused>(reused);
        Assert.Null(await stores.Documents.GetAsync(Key("second"), None));
    }

    [Fact]
    public async Task AnUploadRefusedForATakenIdKeepsNeitherItsJobNorItsIdempotencyKey()
    {
        var stores = await fixture.CreateStoresAsync();
        await stores.UploadAsync("handbook", "The first handbook.");

        var refused = await stores.Queue.EnqueueAsync(
            stores.Documents.Insert(Stores.Content(Key("handbook"), "Another handbook.")), Request("upload-1", hash: 1, response: new { id = "handbook" }), None);

        Assert.Equal(DocumentRefusal.AlreadyExists, Assert.IsType<EnqueueOutcome.Refused>(refused).Refusal);
        Assert.Equal(1, (await stores.Queue.MeasureAsync(None)).Waiting);
        // The key was given back with the rest: the client may use it for its next request.
        await stores.UploadAsync("handbook-2", idempotency: Request("upload-1", hash: 2, response: new { id = "handbook-2" }));
    }

    [Fact]
    public async Task OnlyAFailedDocumentCanBeRetriedAndOnlyAnExistingOneReplaced()
    {
        var stores = await fixture.CreateStoresAsync();
        var key = await stores.UploadAsync("handbook");

        var notFailed = Assert.IsType<EnqueueOutcome.Refused>(await stores.Queue.RetryAsync(key, None));
        var missing = Assert.IsType<EnqueueOutcome.Refused>(await stores.Queue.RetryAsync(Key("missing"), None));
        var replaceMissing = Assert.IsType<EnqueueOutcome.Refused>(
            await stores.Queue.EnqueueAsync(stores.Documents.Replace(Stores.Content(Key("missing"), "text")), null, None));

        Assert.Equal(DocumentRefusal.NotFailed(DocumentStatus.Queued), notFailed.Refusal);
        Assert.Equal(DocumentRefusal.NotFound, missing.Refusal);
        Assert.Equal(DocumentRefusal.NotFound, replaceMissing.Refusal);
        Assert.Equal(1, (await stores.Queue.MeasureAsync(None)).Waiting);
    }

    private static string Key(string id) => Tenants.DocumentKey(Stores.Tenant, id);

    private static IdempotentRequest Request(string key, byte hash, object response) =>
        new(Tenants.DocumentKey(Stores.Tenant, key), [hash], 202, response);
}
