using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Api.Protection;

/// <summary>Section "RequestLimits": how large and how deep a request may be outside the upload endpoints.</summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>Largest request body, in bytes, of every endpoint but uploads (those follow Documents:MaxUploadBytes). Beyond it: 413.</summary>
    [Range(1024, 1L << 30)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Deepest nesting of JSON objects and arrays a body may have. Beyond it: 400.</summary>
    [Range(4, 256)]
    public int MaxJsonDepth { get; set; } = 32;
}
