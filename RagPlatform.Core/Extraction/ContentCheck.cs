namespace RagPlatform.Core.Extraction;

public enum ContentCheckStatus
{
    Ok,

    /// <summary>The declared type is not one the platform reads (HTTP 415).</summary>
    Unsupported,

    /// <summary>The bytes are of another kind than the declared type (HTTP 415).</summary>
    Mismatch,

    /// <summary>The bytes are of the declared kind but cannot be read, e.g. invalid UTF-8 or a broken ZIP (HTTP 422).</summary>
    Unreadable,
}

/// <summary>The verdict of <see cref="ContentSniffer.Check"/>; <paramref name="Reason"/> is written for the uploader.</summary>
public sealed record ContentCheck(ContentCheckStatus Status, string? Reason)
{
    public static ContentCheck Ok { get; } = new(ContentCheckStatus.Ok, null);

    public bool IsOk => Status == ContentCheckStatus.Ok;

    /// <summary>True when the problem is the media type itself (415 Unsupported Media Type) rather than the content (422).</summary>
    public bool IsMediaTypeProblem => Status is ContentCheckStatus.Unsupported or ContentCheckStatus.Mismatch;
}
