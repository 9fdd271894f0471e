namespace RagPlatform.Worker.Ingestion;

/// <summary>A claimed job and the document it is for.</summary>
public sealed record IngestionJob(
    long JobId,
    int Attempt,
    string DocumentId,
    string Collection,
    string Title,
    string ContentType,
    string Content,
    byte[] ContentHash);
