using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Api.Ingestion;

/// <summary>When the API calls ingestion stalled (section "IngestionHealth").</summary>
public sealed class IngestionHealthOptions
{
    public const string SectionName = "IngestionHealth";

    /// <summary>
    /// How long due work may wait while no job is held by a live worker before health says Degraded. A live worker,
    /// even an idle one, claims due work within its poll interval (a few seconds), so 30 s is never reached while one runs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "IngestionHealth:NoWorkerAfter must be between 1 second and 1 hour.")]
    public TimeSpan NoWorkerAfter { get; set; } = TimeSpan.FromSeconds(30);
}
