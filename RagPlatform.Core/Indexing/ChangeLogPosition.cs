namespace RagPlatform.Core.Indexing;

/// <summary>
/// How far an index has applied the change log, as one instance knows it: it only moves forward, and a
/// caller can wait (boundedly) for it to reach a sequence. Unknown (null) until first set.
/// </summary>
public sealed class ChangeLogPosition
{
    private readonly object _gate = new();
    private long _value = -1;
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long? Current => Interlocked.Read(ref _value) is var value and >= 0 ? value : null;

    /// <summary>Moves to <paramref name="sequence"/> if that is ahead; an older value (a late or repeated report) is ignored.</summary>
    public void Advance(long sequence)
    {
        TaskCompletionSource advanced;
        lock (_gate)
        {
            if (sequence <= _value)
            {
                return;
            }
            Interlocked.Exchange(ref _value, sequence);
            advanced = _advanced;
            _advanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        advanced.TrySetResult();
    }

    /// <summary>True once <paramref name="sequence"/> is applied; false if <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitForAsync(long sequence, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        while (true)
        {
            Task advanced;
            lock (_gate)
            {
                if (_value >= sequence)
                {
                    return true;
                }
                advanced = _advanced.Task;
            }
            try
            {
                await advanced.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Interlocked.Read(ref _value) >= sequence;
            }
        }
    }
}
