using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Ingestion;

/// <summary>
/// The queue's leases and retries, from section "Ingestion" (which the worker's own options share: the settings a
/// deployment writes did not change when the queue moved into Core).
/// </summary>
public sealed class IngestionQueueOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Attempts before a document is failed for good.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a claimed job stays this worker's without a heartbeat; after it another worker may take it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First retry delay; doubled per attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
}
