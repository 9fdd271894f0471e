using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Backups;

public static class BackupServiceExtensions
{
    /// <summary>The backup target, pg_dump/pg_restore, the backup service and the restorer (needs <c>AddRagStorage</c>).</summary>
    public static IHostApplicationBuilder AddRagBackups(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !o.UsesAzureBlob || !string.IsNullOrWhiteSpace(o.AzureBlobConnectionString),
                "Backup:AzureBlobConnectionString is required when Backup:Target is azureblob.")
            .Validate(o => Parses(o), "Backup:Schedule must be a five-field cron expression and Backup:TimeZone a known time zone.")
            .ValidateOnStart();
        builder.Services.AddSingleton(new BackupDatabase(
            builder.Configuration.GetConnectionString(StorageServiceExtensions.DatabaseConnectionName) ?? ""));
        builder.Services.AddSingleton<IBackupTarget>(sp => CreateTarget(sp.GetRequiredService<IOptions<BackupOptions>>().Value));
        builder.Services.AddSingleton(sp => PostgresClientTools.Find(sp.GetRequiredService<IOptions<BackupOptions>>().Value.PostgresBinDirectory));
        builder.Services.AddSingleton<BackupMetrics>();
        builder.Services.AddSingleton<BackupService>();
        builder.Services.AddSingleton<IBackupRunner>(sp => sp.GetRequiredService<BackupService>());
        builder.Services.AddSingleton<BackupRestorer>();
        return builder;
    }

    public static IBackupTarget CreateTarget(BackupOptions options) => options.UsesAzureBlob
        ? new AzureBlobBackupTarget(new BlobContainerClient(options.AzureBlobConnectionString, options.AzureBlobContainer))
        : new LocalFolderBackupTarget(options.LocalPath is { Length: > 0 } path ? path : BackupOptions.DefaultLocalPath());

    private static bool Parses(BackupOptions options)
    {
        try
        {
            _ = BackupSchedule.From(options);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
