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

    public bool UsesQdrant => string.Equals(Backend, Qdrant, StringComparison.OrdinalIgnoreCase);
}
