namespace RagPlatform.Client;

/// <summary>The roles a caller can hold; cumulative: a writer also reads, an admin does everything.</summary>
public static class RagRoles
{
    public const string Reader = "reader";
    public const string Writer = "writer";
    public const string Admin = "admin";
}

/// <summary>A new API key; <see cref="Secret"/> (the <c>X-Api-Key</c> value) is shown this once and never stored.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, IReadOnlyList<string> Roles, string Secret, DateTimeOffset CreatedAt);

/// <summary>An API key of the caller's tenant, without its secret.</summary>
public sealed record ApiKeyInfo(Guid Id, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>What a reconciliation of PostgreSQL with the search index found and repaired.</summary>
public sealed record ReconcileReport(
    int ChunksInDatabase,
    int ChunksInIndex,
    int MissingChunksRestored,
    int OrphanChunksRemoved,
    IReadOnlyList<string> DocumentsRepaired);

/// <summary>A file of a backup set and its checksum.</summary>
public sealed record BackupFile(string Name, long SizeBytes, string Sha256);

/// <summary>A backup set as operators see it.</summary>
public sealed record BackupSummary(
    string Id, DateTimeOffset CreatedAt, string Kind, string Status, long SizeBytes, string Location, long Watermark,
    int SchemaVersion, DateTimeOffset? CompletedAt, string? Error, IReadOnlyList<BackupFile> Files);
