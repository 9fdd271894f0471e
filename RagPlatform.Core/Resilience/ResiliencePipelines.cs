using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace RagPlatform.Core.Resilience;

/// <summary>
/// The named pipelines every outbound call goes through, one per dependency, with their defaults. Each is
/// configured from <c>Resilience:&lt;name&gt;</c> (see <see cref="DependencyResilienceOptions"/>) and resolved from
/// <c>ResiliencePipelineProvider&lt;string&gt;</c>. The name is also the <c>dependency</c> tag of the breaker metrics.
/// </summary>
public static class ResiliencePipelines
{
    /// <summary>
    /// PostgreSQL on the request path, always through <c>GuardedDatabase</c>: reads whole (documents, API keys, the
    /// full-text fallback, the health probe), writes at their connection open. One short attempt, so an outage answers
    /// 503 within the timeout (about 2 s) instead of Npgsql's 15 s connect timeout.
    /// </summary>
    public const string Postgres = "postgres";

    /// <summary>
    /// Redis, a cache: no retries, and a short timeout, as the rate limiter's: a miss costs an uncached search (tens of
    /// milliseconds), so waiting longer for a cache that does not answer is never cheaper.
    /// </summary>
    public const string Redis = "redis";

    /// <summary>The Qdrant cluster (searches, upserts and deletes are all idempotent).</summary>
    public const string Qdrant = "qdrant";

    /// <summary>The embedding model: query embeddings in the API, batches in the worker (which configures a longer timeout).</summary>
    public const string Embedding = "embedding";

    /// <summary>The chat model; the timeout bounds a whole answer, or the first token of a streamed one.</summary>
    public const string Chat = "chat";

    public static IReadOnlyDictionary<string, DependencyResilienceOptions> Defaults { get; } = new Dictionary<string, DependencyResilienceOptions>
    {
        [Postgres] = new() { Timeout = TimeSpan.FromSeconds(2), MaxRetryAttempts = 0, BreakDuration = TimeSpan.FromSeconds(5) },
        [Redis] = new() { Timeout = TimeSpan.FromMilliseconds(100), MaxRetryAttempts = 0, BreakDuration = TimeSpan.FromSeconds(10) },
        [Qdrant] = new() { Timeout = TimeSpan.FromSeconds(2), MaxRetryAttempts = 2, MinimumThroughput = 10 },
        [Embedding] = new() { Timeout = TimeSpan.FromSeconds(2), MaxRetryAttempts = 1, RetryDelay = TimeSpan.FromMilliseconds(50) },
        [Chat] = new() { Timeout = TimeSpan.FromSeconds(60), MaxRetryAttempts = 0, MinimumThroughput = 3, BreakDuration = TimeSpan.FromSeconds(30) },
    };

    /// <summary>Retry (outermost), circuit breaker, timeout per attempt (innermost).</summary>
    public static void Configure(ResiliencePipelineBuilder pipeline, string name, DependencyResilienceOptions options, CircuitBreakerMonitor monitor)
    {
        var failure = FailurePredicate(name);
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                // An open breaker answers the same at once: retrying it only burns the caller's time.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex and not BrokenCircuitException and not IsolatedCircuitException && failure(ex)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }
        pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && failure(ex)),
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.MinimumThroughput,
            SamplingDuration = options.SamplingDuration,
            BreakDuration = options.BreakDuration,
            OnOpened = _ => monitor.OnOpened(name),
            OnHalfOpened = _ => monitor.OnHalfOpened(name),
            OnClosed = _ => monitor.OnClosed(name),
        });
        pipeline.AddTimeout(new TimeoutStrategyOptions { Timeout = options.Timeout });
        monitor.Track(name);
    }

    /// <summary>
    /// What counts against a dependency. A model provider's errors are its own types (OllamaSharp, OpenAI), and
    /// Redis's client can throw more than its own (see <see cref="DependencyFailures.IsCacheFailure"/>), so any exception
    /// counts there but a caller's cancellation (the pipeline's own timeout arrives as TimeoutRejectedException); for
    /// the stores of record only what says the store is unreachable or overloaded, not a bad query.
    /// </summary>
    private static Func<Exception, bool> FailurePredicate(string name) => name switch
    {
        Embedding or Chat or Redis => ex => ex is not OperationCanceledException,
        _ => DependencyFailures.IsTransient,
    };
}
