using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Api.Documents;

/// <summary>Upload limits, section "Documents".</summary>
public sealed class DocumentOptions
{
    public const string SectionName = "Documents";

    /// <summary>Largest accepted document body, in characters.</summary>
    [Range(1, 100_000_000)]
    public int MaxContentCharacters { get; set; } = 5_000_000;
}
