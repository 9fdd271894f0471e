using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Backups;

/// <summary>Backups and restore, section "Backup" (docs/operations.md, "Backups and restore").</summary>
public sealed class BackupOptions
{
    public const string SectionName = "Backup";
    public const string LocalTarget = "local";
    public const string AzureBlobTarget = "azureblob";

    /// <summary>Whether this service runs the schedule (the worker does; the API only answers the admin endpoints).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cron expression (five fields, Cronos) in <see cref="TimeZone"/>.</summary>
    [Required]
    public string Schedule { get; set; } = "0 2 * * *";

    /// <summary>IANA or Windows time zone id the schedule is read in; a skipped or repeated hour runs once.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    [Range(1, 3650, ErrorMessage = "Backup:RetentionDays must be between 1 and 3650.")]
    public int RetentionDays { get; set; } = 30;

    /// <summary>A set that never completed (a killed run) is removed once it is this old.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Backup:IncompleteAfter must be between 1 minute and 30 days.")]
    public TimeSpan IncompleteAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>"local" or "azureblob".</summary>
    [Required]
    [RegularExpression("^(?i)(local|azureblob)$", ErrorMessage = "Backup:Target must be 'local' or 'azureblob'.")]
    public string Target { get; set; } = LocalTarget;

    /// <summary>Folder of the local target; empty: the native data folder's <c>backups</c> (see <see cref="DefaultLocalPath"/>).</summary>
    public string? LocalPath { get; set; }

    /// <summary>Azure Storage connection string (or a service URI with a SAS) for the azureblob target.</summary>
    public string? AzureBlobConnectionString { get; set; }

    public string AzureBlobContainer { get; set; } = "ragplatform-backups";

    /// <summary>Folder holding pg_dump and pg_restore; empty: pg_config's, else the newest under /usr/lib/postgresql, else PATH.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>"latest" or a backup id: the worker executable restores it and exits (the AppHost's restore resource).</summary>
    public string? RestoreFrom { get; set; }

    /// <summary>Whether a restore over a non-empty database first backs it up (set false only when the disk cannot hold it).</summary>
    public bool SafetyBackup { get; set; } = true;

    public bool UsesAzureBlob => string.Equals(Target, AzureBlobTarget, StringComparison.OrdinalIgnoreCase);

    /// <summary>The native mode's data folder (the AppHost's default) plus <c>backups</c>, which survives restarts unlike /tmp.</summary>
    public static string DefaultLocalPath() => Path.Combine(Environment.IsPrivilegedProcess
        ? "/var/lib/ragplatform"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ragplatform"),
        "backups");
}
