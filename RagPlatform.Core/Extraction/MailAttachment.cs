namespace RagPlatform.Core.Extraction;

/// <summary>A file attached to a mail: its name, its normalised content type (<see cref="ContentTypes"/>) and its bytes.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);
