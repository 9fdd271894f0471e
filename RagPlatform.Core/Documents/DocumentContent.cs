namespace RagPlatform.Core.Documents;

/// <summary>
/// What an upload or a replacement stores: <paramref name="Key"/> is the tenant-scoped key; on a replacement a null
/// <paramref name="Collection"/> or <paramref name="Title"/> keeps the document's own. The SHA-256 of
/// <paramref name="Content"/> is computed on the way in (identical content reuses chunks).
/// </summary>
public sealed record DocumentContent(
    string Key,
    string Tenant,
    string? Collection,
    string? Title,
    string ContentType,
    string? FileName,
    byte[] Content,
    IReadOnlyDictionary<string, string>? Metadata);
