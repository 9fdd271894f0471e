using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Tests.Indexing;
using RagPlatform.Worker.Projections;

namespace RagPlatform.Tests.Projection;

/// <summary>
/// The worker's projector into Qdrant: however many workers run it, one applies the log; its checkpoint is durable,
/// so the worker that takes over resumes where the last one stopped, and an index outage only delays it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IndexProjectorTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ChangeLogDatabase _database = null!;
    private readonly ControllableIndex _index = new(new EmbeddedSearchIndex(TestChunks.Dimension));
    private readonly List<(IndexProjector Projector, NpgsqlDataSource Pool)> _started = [];

    public async ValueTask InitializeAsync() => _database = await ChangeLogDatabase.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _index.Resume();
        foreach (var (projector, pool) in _started)
        {
            await projector.StopAsync(CancellationToken.None);
            await pool.DisposeAsync();
        }
        _index.Inner.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task OneOfTwoWorkersProjectsAndTheOtherTakesOverFromTheDurableCheckpointWhenItStops()
    {
        var (first, second) = (await StartAsync(), await StartAsync());
        for (var i = 0; i < 5; i++)
        {
            await _database.UpsertAsync($"early-{i}");
        }
        await WaitForCheckpointAsync(await _database.LatestSequenceAsync());
        Assert.Single(new[] { first, second }, p => p.IsActive);
        var (active, standby) = first.IsActive ? (first, second) : (second, first);

        await active.StopAsync(CancellationToken.None);
        var writesBefore = _index.Writes.Count;
        await _database.UpsertAsync("late-0");
        await _database.DeleteAsync("early-0");
        await WaitForCheckpointAsync(await _database.LatestSequenceAsync());

        Assert.True(standby.IsActive);
        // Resumed from the recorded checkpoint: only what changed after it, nothing replayed from the start.
        Assert.Equal([ChangeLogDatabase.Key("early-0"), ChangeLogDatabase.Key("late-0")], _index.Writes.Skip(writesBefore).Order());
        Assert.Equal(await _database.ChunkIdsAsync(), (await _index.ListChunksAsync()).ToHashSet());
    }

    [Fact]
    public async Task AWorkerStoppedMidBatchLeavesTheWholeBatchToTheWorkerThatTakesOver()
    {
        var (first, second) = (await StartAsync(), await StartAsync());
        await WaitUntilAsync(() => first.IsActive || second.IsActive);
        var (active, standby) = first.IsActive ? (first, second) : (second, first);
        // The active worker takes four writes of the batch, then hangs on the fifth (Qdrant not answering).
        _index.FaultAfter(3, _index.Pause);
        for (var i = 0; i < 8; i++)
        {
            await _database.UpsertAsync($"doc-{i}");
        }
        await _database.DeleteAsync("doc-2");
        await WaitUntilAsync(() => _index.Waiting > 0);
        // The batch cut short is not recorded: the next projector applies it again, whole.
        Assert.True(await _database.CheckpointAsync(ProjectionCheckpoints.Qdrant) < await _database.LatestSequenceAsync());

        await active.StopAsync(CancellationToken.None);
        _index.Resume();
        await WaitForCheckpointAsync(await _database.LatestSequenceAsync());

        Assert.True(standby.IsActive);
        Assert.Equal(await _database.ChunkIdsAsync(), (await _index.ListChunksAsync()).ToHashSet());
    }

    [Fact]
    public async Task AnIndexOutageMidBatchDelaysTheProjectionWithoutLosingOrReorderingAChange()
    {
        _index.FaultAfter(2, () => throw ControllableIndex.Unavailable());
        for (var i = 0; i < 6; i++)
        {
            await _database.UpsertAsync($"doc-{i}");
        }
        await _database.DeleteAsync("doc-3");
        await StartAsync();
        await WaitForCheckpointAsync(await _database.LatestSequenceAsync());

        Assert.Equal(await _database.ChunkIdsAsync(), (await _index.ListChunksAsync()).ToHashSet());
    }

    /// <summary>A worker's projector with its own connection pool, as each worker process has, started (and stopped when the test ends).</summary>
    private async Task<IndexProjector> StartAsync()
    {
        var pool = NpgsqlDataSource.Create(_database.ConnectionString);
        var projector = new IndexProjector(pool, _index, TimeProvider.System, NullLogger<IndexProjector>.Instance);
        _started.Add((projector, pool));
        await projector.StartAsync(CancellationToken.None);
        return projector;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "gave up waiting");
            await Task.Delay(20);
        }
    }

    private async Task WaitForCheckpointAsync(long sequence)
    {
        var deadline = DateTime.UtcNow + Patience;
        var seen = 0L;
        while (true)
        {
            var checkpoint = await _database.CheckpointAsync(ProjectionCheckpoints.Qdrant);
            Assert.True(checkpoint >= seen, $"the checkpoint went back from {seen} to {checkpoint}");
            seen = checkpoint;
            if (checkpoint >= sequence)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the checkpoint stayed at {checkpoint}, short of {sequence}");
            await Task.Delay(50);
        }
    }
}
