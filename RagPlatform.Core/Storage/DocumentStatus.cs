namespace RagPlatform.Core.Storage;

/// <summary>A document's lifecycle as the API reports it.</summary>
public static class DocumentStatus
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Indexed = "indexed";
    public const string Failed = "failed";
}
