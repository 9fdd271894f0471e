using System.Text.Json;
using System.Text.Json.Serialization;

namespace RagPlatform.Core.Backups;

/// <summary>
/// What a backup set holds and whether it can be trusted: written first as <c>running</c>, then <c>complete</c> once every
/// file is stored, then <c>verified</c> once the stored files were read back against their SHA-256 and the dump's table of
/// contents was read by pg_restore. Only a verified set counts as good.
/// </summary>
public sealed record BackupManifest(
    string Id,
    DateTimeOffset CreatedAt,
    string Kind,
    string Status,
    string PlatformVersion,
    int SchemaVersion,
    long Watermark,
    IReadOnlyList<BackupFile> Files,
    DateTimeOffset? ScheduledFor = null,
    DateTimeOffset? CompletedAt = null,
    string? Error = null)
{
    public const string FileName = "manifest.json";
    public const string DatabaseFile = "ragdb.dump";

    public static class Statuses
    {
        public const string Running = "running";
        public const string Complete = "complete";
        public const string Verified = "verified";
        public const string Failed = "failed";
    }

    public static class Kinds
    {
        public const string Scheduled = "scheduled";
        public const string Manual = "manual";
        public const string Safety = "safety";
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [JsonIgnore]
    public bool IsGood => Status == Statuses.Verified;

    [JsonIgnore]
    public long SizeBytes => Files.Sum(f => f.SizeBytes);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static BackupManifest FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<BackupManifest>(json, Json) ?? throw new InvalidDataException("Empty backup manifest.");
}

/// <summary>One file of a backup set, by name within the set, with its length and lowercase hex SHA-256.</summary>
public sealed record BackupFile(string Name, long SizeBytes, string Sha256);
