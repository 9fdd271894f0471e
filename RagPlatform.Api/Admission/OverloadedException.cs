namespace RagPlatform.Api.Admission;

/// <summary>A request refused because the instance is past its capacity; answered with 503 and Retry-After.</summary>
public sealed class OverloadedException(string reason, TimeSpan retryAfter)
    : Exception($"Too many searches are waiting ({reason}); try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.")
{
    /// <summary>Why: <see cref="AdmissionReasons"/>.</summary>
    public string Reason { get; } = reason;

    public TimeSpan RetryAfter { get; } = retryAfter;
}

public static class AdmissionReasons
{
    /// <summary>The queue ahead was already longer than the wait budget: refused on arrival.</summary>
    public const string QueueFull = "queue_full";

    /// <summary>Queued, but its turn did not come within the wait budget (the estimate was wrong, or work slowed down).</summary>
    public const string WaitedTooLong = "waited_too_long";
}
