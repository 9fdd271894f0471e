namespace RagPlatform.Api.Admission;

/// <summary>
/// Admits uncached search work first come, first served, as many at once as the limit allows, and refuses what would
/// wait longer than <see cref="AdmissionOptions.MaxWait"/> at once (<see cref="OverloadedException"/>) instead of letting
/// every request slow down.
/// <para>
/// The limit adapts to what it measures, in the spirit of Netflix's gradient limit: each finished request's service time
/// feeds a short and a long running average; when recent requests run more than <see cref="AdmissionOptions.Tolerance"/>
/// times slower than the long run, work is queueing inside the process and the limit shrinks, otherwise it grows by
/// about its square root. Latency alone drifts under lasting overload (the long average catches up), so CPU use decides
/// too (<see cref="CpuMeter"/>): while the cores are saturated more concurrency cannot finish work sooner, and the limit only
/// shrinks, toward <see cref="AdmissionOptions.MinLimit"/> (one per core). Waits on a remote model or Qdrant cost no CPU,
/// so there the limit grows as far as latency stays flat.
/// </para>
/// A request's wait is estimated as the queue ahead of it times the recent time between completions.
/// </summary>
public sealed class AdaptiveConcurrencyLimiter
{
    private const double ShortWeight = 0.1;
    private const double LongWeight = 0.01;
    private const double IntervalWeight = 0.02;
    private const double Saturated = 0.9;
    private static readonly TimeSpan CpuSamplePeriod = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly AdmissionOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<double> _cpuBusy;
    private readonly int _minLimit;
    private double _limit;
    private int _inFlight;
    private double _shortLatency;
    private double _longLatency;
    private long _cpuSampledAt;
    private bool _cpuSaturated;
    private long _lastCompletion;
    private double _completionInterval;

    /// <param name="cpuBusy">How busy the cores were since its last call, 0 to 1 (<see cref="CpuMeter"/>; tests give a fake one).</param>
    public AdaptiveConcurrencyLimiter(AdmissionOptions options, TimeProvider time, Func<double>? cpuBusy = null)
    {
        _options = options;
        _time = time;
        _cpuBusy = cpuBusy ?? new CpuMeter().BusySinceLastReading;
        _minLimit = options.ResolvedMinLimit;
        _limit = options.ResolvedInitialLimit;
        _cpuSampledAt = _lastCompletion = time.GetTimestamp();
    }

    /// <summary>Called with the reason whenever a request is refused.</summary>
    public event Action<string>? Shed;

    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return (int)_limit;
            }
        }
    }

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>A permit to run now or after the requests queued before this one; dispose it when the work is done.</summary>
    /// <exception cref="OverloadedException">The wait would exceed the budget, or did.</exception>
    public ValueTask<Permit> EnterAsync(CancellationToken cancellationToken)
    {
        Waiter? waiter = null;
        TimeSpan wait;
        lock (_gate)
        {
            if (_queue.Count == 0 && _inFlight < (int)_limit)
            {
                _inFlight++;
                return ValueTask.FromResult(new Permit(this, _time.GetTimestamp()));
            }

            wait = EstimatedWait(_queue.Count + 1);
            if (wait <= _options.MaxWait)
            {
                waiter = new Waiter(this);
                waiter.Node = _queue.AddLast(waiter);
            }
        }

        // The deadline and the cancellation are armed outside the lock: either may fire at once and take it.
        return waiter is not null
            ? new ValueTask<Permit>(waiter.WaitAsync(_options.MaxWait, cancellationToken))
            : throw Refuse(AdmissionReasons.QueueFull, wait);
    }

    /// <summary>
    /// How long the <paramref name="position"/>th request in the queue waits: that many times the recent time between
    /// completions while every permit was taken (how fast the queue drains), or before that is known, the recent service
    /// time over the limit; zero before anything is measured. The pace of completions averages over about fifty of
    /// them, so one garbage collection that stalls the running requests does not turn the queue away.
    /// </summary>
    private TimeSpan EstimatedWait(int position) =>
        TimeSpan.FromSeconds(position * (_completionInterval > 0 ? _completionInterval : _shortLatency / Math.Max(1, (int)_limit)));

    private OverloadedException Refuse(string reason, TimeSpan wait)
    {
        Shed?.Invoke(reason);
        // By then the queue ahead has had the time to drain; at least a second, as Retry-After counts in whole seconds.
        return new OverloadedException(reason, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
    }

    private void Release(long startedAt)
    {
        var now = _time.GetTimestamp();
        var seconds = _time.GetElapsedTime(startedAt, now).TotalSeconds;
        lock (_gate)
        {
            // Only while every permit is taken does the time between completions say how fast a queue drains.
            if (_queue.Count > 0 || _inFlight >= (int)_limit)
            {
                // Never more than this request's own service time: after an idle spell the previous completion may be
                // minutes old, and that gap says nothing about how fast the queue drains (seen: "try again in 32 s").
                var gap = Math.Min(_time.GetElapsedTime(_lastCompletion, now).TotalSeconds, seconds);
                _completionInterval = _completionInterval == 0 ? gap : _completionInterval + (IntervalWeight * (gap - _completionInterval));
            }

            _lastCompletion = now;
            _inFlight--;
            Learn(seconds);
            while (_queue.First is { } next && _inFlight < (int)_limit)
            {
                _queue.RemoveFirst();
                _inFlight++;
                next.Value.Grant(new Permit(this, _time.GetTimestamp()));
            }
        }
    }

    private void Learn(double seconds)
    {
        if (_shortLatency == 0)
        {
            _shortLatency = _longLatency = seconds;
            return;
        }

        _shortLatency += ShortWeight * (seconds - _shortLatency);
        _longLatency += LongWeight * (seconds - _longLatency);
        // After a burst the long average remembers slow requests for a long time: let it come down sooner.
        if (_longLatency > 2 * _shortLatency)
        {
            _longLatency *= 0.95;
        }

        SampleCpu();
        // Fewer than half the permits in use: the latency says nothing about what more concurrency would do.
        if (_inFlight + 1 < _limit / 2)
        {
            return;
        }

        var gradient = Math.Clamp(_options.Tolerance * _longLatency / _shortLatency, 0.5, 1.0);
        var next = _cpuSaturated
            ? _limit * Math.Min(gradient, 0.9)
            : _limit * gradient + Math.Sqrt(_limit);
        _limit = Math.Clamp(0.8 * _limit + 0.2 * next, _minLimit, _options.MaxLimit);
    }

    private void SampleCpu()
    {
        var now = _time.GetTimestamp();
        var wall = _time.GetElapsedTime(_cpuSampledAt, now);
        if (wall < CpuSamplePeriod)
        {
            return;
        }

        _cpuSaturated = _cpuBusy() >= Saturated;
        _cpuSampledAt = now;
    }

    private bool TryRemove(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return false;
            }

            _queue.Remove(waiter.Node);
            return true;
        }
    }

    /// <summary>The right to run one request's search work; disposing it lets the next queued request in.</summary>
    public sealed class Permit(AdaptiveConcurrencyLimiter limiter, long startedAt) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limiter.Release(startedAt);
            }
        }
    }

    private sealed class Waiter(AdaptiveConcurrencyLimiter limiter)
    {
        private readonly TaskCompletionSource<Permit> _turn = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public void Grant(Permit permit) => _turn.TrySetResult(permit);

        public async Task<Permit> WaitAsync(TimeSpan budget, CancellationToken cancellationToken)
        {
            await using var deadline = limiter._time.CreateTimer(static state => ((Waiter)state!).Expire(), this, budget, Timeout.InfiniteTimeSpan);
            await using var cancellation = cancellationToken.UnsafeRegister(static state => ((Waiter)state!).Cancel(), this);
            return await _turn.Task;
        }

        private void Expire()
        {
            if (limiter.TryRemove(this))
            {
                _turn.TrySetException(limiter.Refuse(AdmissionReasons.WaitedTooLong, limiter.EstimatedWaitNow()));
            }
        }

        private void Cancel()
        {
            if (limiter.TryRemove(this))
            {
                _turn.TrySetCanceled();
            }
        }
    }

    private TimeSpan EstimatedWaitNow()
    {
        lock (_gate)
        {
            return EstimatedWait(_queue.Count + 1);
        }
    }
}
