namespace RagPlatform.Api.Documents;

/// <summary>An upload as read from either JSON or multipart/form-data, before validation.</summary>
public sealed record UploadInput(
    string? Id,
    string? Title,
    string? Collection,
    string? ContentType,
    string? FileName,
    byte[] Content,
    Dictionary<string, string>? Metadata,
    bool ContentGiven);
