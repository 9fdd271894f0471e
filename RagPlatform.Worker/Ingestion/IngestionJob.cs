using RagPlatform.Core.Tenancy;

namespace RagPlatform.Worker.Ingestion;

/// <summary>A claimed job and the document it is for; <see cref="Content"/> is the document as uploaded.</summary>
public sealed record IngestionJob(
    long JobId,
    int Attempt,
    string DocumentId,
    string Collection,
    string? Title,
    string? FileName,
    string ContentType,
    byte[] Content,
    byte[] ContentHash,
    IReadOnlyDictionary<string, string>? Metadata = null,
    string Tenant = Tenants.Default);
