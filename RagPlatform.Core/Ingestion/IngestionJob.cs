using RagPlatform.Core.Tenancy;

namespace RagPlatform.Core.Ingestion;

/// <summary>
/// A claimed job and the document it is for; <see cref="Content"/> is the document as uploaded. The job is
/// <see cref="WorkerId"/>'s while its lease lasts: every later call on it says who is asking.
/// </summary>
public sealed record IngestionJob(
    long JobId,
    string WorkerId,
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
