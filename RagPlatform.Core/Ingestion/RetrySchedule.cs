namespace RagPlatform.Core.Ingestion;

/// <summary>When a failed attempt may run again: exponential backoff with full jitter, capped.</summary>
public static class RetrySchedule
{
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="random">A value in [0, 1); jitter spreads retries of many documents that failed together.</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        // Half fixed, half random: never retries at once, never all at the same moment.
        return TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * random);
    }
}
