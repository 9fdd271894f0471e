using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core.Indexing;
using RagPlatform.Tests.Indexing;

namespace RagPlatform.Tests.Projection;

/// <summary>
/// The projection of the change log into an index survives being killed or failing mid-batch: resumed from its
/// checkpoint it applies every change, in order, and ends equal to PostgreSQL.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IndexProjectionTests : IAsyncLifetime
{
    private ChangeLogDatabase _database = null!;
    private readonly ControllableIndex _index = new(new EmbeddedSearchIndex(TestChunks.Dimension));
    private readonly List<long> _checkpoints = [];

    public async ValueTask InitializeAsync() => _database = await ChangeLogDatabase.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _index.Inner.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task AProjectionKilledMidBatchAndThenFailedByTheIndexMidBatchResumesAndEndsEqualToPostgreSql()
    {
        await WriteHistoryAsync("a");

        // Killed mid-batch: the process's token is cancelled while it writes its seventh change.
        using var killed = new CancellationTokenSource();
        _index.FaultAfter(6, killed.Cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CatchUpAsync(killed.Token));
        var afterKill = Applied;
        Assert.True(afterKill < await _database.LatestSequenceAsync(), "the kill should have left changes unapplied");

        // While it was down the log moved on; restarted, it fails again mid-batch (Qdrant unreachable).
        await WriteHistoryAsync("b");
        _index.FaultAfter(3, () => throw ControllableIndex.Unavailable());
        await Assert.ThrowsAsync<RpcException>(() => CatchUpAsync(CancellationToken.None));
        Assert.True(Applied >= afterKill);

        await CatchUpAsync(CancellationToken.None);

        Assert.Equal(await _database.LatestSequenceAsync(), Applied);
        // Recorded only forward, one batch at a time: never back, never a batch twice.
        Assert.Equal(_checkpoints.Order().Distinct(), _checkpoints);
        Assert.Equal(await _database.ChunkIdsAsync(), (await _index.ListChunksAsync()).ToHashSet());
    }

    [Fact]
    public async Task ChangesAppliedOnceAreNotAppliedAgainAfterARestartFromTheCheckpoint()
    {
        await WriteHistoryAsync("c");
        await CatchUpAsync(CancellationToken.None);
        var writes = _index.Writes.Count;

        await _database.UpsertAsync("c-late");
        await CatchUpAsync(CancellationToken.None);

        Assert.Equal([ChangeLogDatabase.Key("c-late")], _index.Writes.Skip(writes));
    }

    private long Applied => _checkpoints.Count == 0 ? 0 : _checkpoints[^1];

    /// <summary>A fresh projection (as a restarted process makes) from the last recorded checkpoint, in small batches.</summary>
    private Task<long> CatchUpAsync(CancellationToken cancellationToken) =>
        new IndexProjection(_database.DataSource, _index, NullLogger.Instance, batchSize: 4).CatchUpAsync(Applied, (sequence, _) =>
        {
            _checkpoints.Add(sequence);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Creates, replaces, deletes and re-creates documents, so a skipped or reordered change would leave a visible difference.</summary>
    private async Task WriteHistoryAsync(string prefix)
    {
        for (var i = 0; i < 8; i++)
        {
            await _database.UpsertAsync($"{prefix}-{i}", chunks: 1 + i % 3);
        }
        await _database.UpsertAsync($"{prefix}-1", chunks: 4);
        await _database.DeleteAsync($"{prefix}-2");
        await _database.UpsertAsync($"{prefix}-3");
        await _database.DeleteAsync($"{prefix}-4");
        await _database.UpsertAsync($"{prefix}-4", chunks: 1);
        await _database.DeleteAsync($"{prefix}-5");
        await _database.UpsertAsync($"{prefix}-6", chunks: 3);
    }
}
