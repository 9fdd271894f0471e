namespace RagPlatform.Core.Documents;

/// <summary>Why a write to <c>documents</c> that a job was to follow did not happen; <see cref="CurrentStatus"/> says what the document is instead.</summary>
public sealed record DocumentRefusal(DocumentRefusalReason Reason, string? CurrentStatus = null)
{
    public static DocumentRefusal AlreadyExists { get; } = new(DocumentRefusalReason.AlreadyExists);

    public static DocumentRefusal NotFound { get; } = new(DocumentRefusalReason.NotFound);

    public static DocumentRefusal NotFailed(string currentStatus) => new(DocumentRefusalReason.NotFailed, currentStatus);
}

public enum DocumentRefusalReason
{
    /// <summary>A new document's key is taken.</summary>
    AlreadyExists,

    /// <summary>The document to change does not exist (in this tenant).</summary>
    NotFound,

    /// <summary>Only a failed document can be retried.</summary>
    NotFailed,
}
