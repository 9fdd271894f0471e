using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Api.Admission;

/// <summary>
/// How much uncached search and ask work runs at once, and how long a request may wait for its turn (section
/// <c>Admission</c>). The concurrency limit adapts between <see cref="MinLimit"/> and <see cref="MaxLimit"/> to the
/// latency it measures; a request that would wait longer than <see cref="MaxWait"/> is refused at once with 503.
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    /// <summary>Off: every request runs at once, however many there are (the behaviour before load shedding).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The longest a request may wait for its turn; one that would wait longer is refused with 503 at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMilliseconds(750);

    /// <summary>Concurrent searches before any latency is measured; 0 means four per core.</summary>
    [Range(0, 10_000)]
    public int InitialLimit { get; set; }

    /// <summary>The limit never goes below this; 0 means one per core (CPU-bound work needs no fewer).</summary>
    [Range(0, 10_000)]
    public int MinLimit { get; set; }

    /// <summary>The limit never goes above this (a remote embedding model or Qdrant lets it grow: their waits cost no CPU).</summary>
    [Range(1, 10_000)]
    public int MaxLimit { get; set; } = 512;

    /// <summary>How much slower than the long-run average the recent requests may get before the limit shrinks.</summary>
    [Range(1.0, 10.0)]
    public double Tolerance { get; set; } = 2.0;

    public int ResolvedMinLimit => Math.Min(MaxLimit, MinLimit > 0 ? MinLimit : Environment.ProcessorCount);

    public int ResolvedInitialLimit => Math.Clamp(InitialLimit > 0 ? InitialLimit : 4 * Environment.ProcessorCount, ResolvedMinLimit, MaxLimit);
}
