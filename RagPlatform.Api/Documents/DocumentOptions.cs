using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Api.Documents;

/// <summary>Upload limits, section "Documents".</summary>
public sealed class DocumentOptions
{
    public const string SectionName = "Documents";

    /// <summary>Largest accepted document, in bytes (JSON content as UTF-8, or the uploaded file). Beyond it: 413.</summary>
    [Range(1, 1L << 31)]
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;
}
