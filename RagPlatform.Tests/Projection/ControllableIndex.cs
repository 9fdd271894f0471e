using Grpc.Core;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Tests.Projection;

/// <summary>
/// An in-process stand-in for Qdrant at the <see cref="ISearchIndex"/> boundary: an embedded index whose writes
/// can be held back (a lagging or stopped projection), fail the way Qdrant's client fails, or cut the writer off
/// midway (a killed process), and which counts the writes it took.
/// </summary>
public sealed class ControllableIndex(EmbeddedSearchIndex inner) : ISearchIndex
{
    private readonly object _gate = new();
    private TaskCompletionSource _open = CompletedGate();
    private int _writesUntilFault = -1;
    private Action? _fault;

    /// <summary>The index behind the controls, for causing drift the way an outside writer would.</summary>
    public EmbeddedSearchIndex Inner => inner;

    /// <summary>How many writes are held back by <see cref="Pause"/> now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    private int _waiting;

    /// <summary>Document ids of every write taken, in order.</summary>
    public List<string> Writes { get; } = [];

    /// <summary>Writes wait until <see cref="Resume"/>: the projection stalls, searches still answer.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Resume()
    {
        lock (_gate)
        {
            _open.TrySetResult();
        }
    }

    /// <summary>After <paramref name="writes"/> more writes succeed, the next one runs <paramref name="fault"/> instead (once).</summary>
    public void FaultAfter(int writes, Action fault)
    {
        lock (_gate)
        {
            (_writesUntilFault, _fault) = (writes, fault);
        }
    }

    /// <summary>The way Qdrant's client reports an unreachable server (and an open breaker stops the call).</summary>
    public static Exception Unavailable() => new RpcException(new Status(StatusCode.Unavailable, "Injected: Qdrant went away mid-batch."));

    public async Task UpsertDocumentAsync(string documentId, IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync(documentId, cancellationToken);
        await inner.UpsertDocumentAsync(documentId, chunks, cancellationToken);
    }

    public async Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync(documentId, cancellationToken);
        await inner.DeleteDocumentAsync(documentId, cancellationToken);
    }

    public Task<IReadOnlyList<IndexedChunkId>> ListChunksAsync(CancellationToken cancellationToken = default) => inner.ListChunksAsync(cancellationToken);

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
        inner.SearchAsync(request, cancellationToken);

    private async Task BeforeWriteAsync(string documentId, CancellationToken cancellationToken)
    {
        Task open;
        Action? fault = null;
        lock (_gate)
        {
            open = _open.Task;
        }
        Interlocked.Increment(ref _waiting);
        try
        {
            await open.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        lock (_gate)
        {
            if (_writesUntilFault == 0)
            {
                (fault, _fault, _writesUntilFault) = (_fault, null, -1);
            }
            else if (_writesUntilFault > 0)
            {
                _writesUntilFault--;
            }
            if (fault is null)
            {
                Writes.Add(documentId);
            }
        }
        fault?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
