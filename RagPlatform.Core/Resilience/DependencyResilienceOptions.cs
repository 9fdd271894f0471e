using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Resilience;

/// <summary>
/// How one outbound dependency is guarded (configuration section <c>Resilience:&lt;pipeline name&gt;</c>): a timeout per
/// attempt, retries with exponential backoff and jitter (0 for calls that are not safe or not worth repeating), and a
/// circuit breaker that opens when <see cref="FailureRatio"/> of at least <see cref="MinimumThroughput"/> calls in
/// <see cref="SamplingDuration"/> failed, and stays open for <see cref="BreakDuration"/>.
/// </summary>
public sealed class DependencyResilienceOptions
{
    public const string SectionName = "Resilience";

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; }

    /// <summary>First retry delay, doubled per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(10);

    public DependencyResilienceOptions CopyTo(DependencyResilienceOptions target)
    {
        target.Timeout = Timeout;
        target.MaxRetryAttempts = MaxRetryAttempts;
        target.RetryDelay = RetryDelay;
        target.FailureRatio = FailureRatio;
        target.MinimumThroughput = MinimumThroughput;
        target.SamplingDuration = SamplingDuration;
        target.BreakDuration = BreakDuration;
        return target;
    }
}
