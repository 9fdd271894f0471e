using System.Globalization;

namespace RagPlatform.Core.Backups;

/// <summary>
/// Set ids start with their UTC time (<c>20261206T020000Z-3f9a1c</c>), so they sort by age as text and a set whose
/// manifest was never written still tells when it was started, which retention needs to purge it.
/// </summary>
public static class BackupIds
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string New(DateTimeOffset now) =>
        $"{now.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}";

    public static bool IsValid(string id) => TimeOf(id) is not null && id.Length == 23 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static DateTimeOffset? TimeOf(string id) =>
        id.Length >= 16 && DateTime.TryParseExact(id[..16], TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : null;

    /// <summary>The manifest that stands for a set whose own is missing or unreadable: failed, from its id's time.</summary>
    public static BackupManifest Unreadable(string id, string reason) =>
        new(id, TimeOf(id) ?? DateTimeOffset.MinValue, "unknown", BackupManifest.Statuses.Failed, "", 0, 0, [], Error: reason);
}
