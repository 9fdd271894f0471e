using RagPlatform.Core.Backups;
using RagPlatform.Core.Storage;

namespace RagPlatform.Worker.Backups;

public static class WorkerBackupExtensions
{
    /// <summary>Scheduled backups, their health check, and retention (which runs after each verified backup).</summary>
    public static IHostApplicationBuilder AddBackupSchedule(this IHostApplicationBuilder builder)
    {
        builder.AddRagBackups();
        if (builder.Configuration.GetValue($"{BackupOptions.SectionName}:{nameof(BackupOptions.Enabled)}", true))
        {
            builder.Services.AddHostedService<BackupScheduler>();
            builder.Services.AddHealthChecks().AddCheck<BackupHealthCheck>("backups");
        }
        return builder;
    }

    /// <summary>Only what a restore needs: the database and the backups, no ingestion.</summary>
    public static IHostApplicationBuilder AddRestore(this IHostApplicationBuilder builder)
    {
        builder.AddRagStorage();
        builder.AddRagBackups();
        return builder;
    }
}
