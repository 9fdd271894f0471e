using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Indexing;

/// <summary>Which search index backs the platform, section "Index".</summary>
public sealed class IndexOptions
{
    public const string SectionName = "Index";
    public const string Embedded = "embedded";
    public const string Qdrant = "qdrant";

    /// <summary>"embedded" (in-process, rebuilt from PostgreSQL; one machine) or "qdrant" (a Qdrant cluster).</summary>
    [Required]
    [RegularExpression("^(embedded|qdrant)$", ErrorMessage = "Index:Backend must be 'embedded' or 'qdrant'.")]
    public string Backend { get; set; } = Embedded;

    /// <summary>
    /// How long a write (delete, reconcile) or a status read waits for this instance's index to apply its change
    /// before answering that the change is still pending.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Index:ReadYourWriteTimeout must be between 0 and 1 minute.")]
    public TimeSpan ReadYourWriteTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool UsesQdrant => string.Equals(Backend, Qdrant, StringComparison.OrdinalIgnoreCase);
}
