using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Api.Warmup;

/// <summary>How the API warms its search path before it reports healthy (section <c>Warmup</c>).</summary>
public sealed class WarmupOptions
{
    public const string SectionName = "Warmup";

    /// <summary>Off: healthy as soon as the index is loaded, and the first minute of traffic pays for the warming.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Warming stops after this long even if searches are still getting faster.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Searches run at least this many times before the pace can count as steady.</summary>
    [Range(1, 100_000)]
    public int MinSearches { get; set; } = 1500;
}
