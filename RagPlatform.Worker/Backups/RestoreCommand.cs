using Microsoft.Extensions.Options;
using RagPlatform.Core.Backups;

namespace RagPlatform.Worker.Backups;

/// <summary>
/// The worker executable as a one-shot restore (<c>--Backup:RestoreFrom=latest|ID</c>): the AppHost's restore resource,
/// which the services wait to complete, and the same command an operator runs against a deployed database.
/// </summary>
public static class RestoreCommand
{
    public static bool IsRequested(IConfiguration configuration) =>
        configuration[$"{BackupOptions.SectionName}:{nameof(BackupOptions.RestoreFrom)}"] is { Length: > 0 };

    public static async Task<int> RunAsync(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RestoreCommand));
        var from = app.Services.GetRequiredService<IOptions<BackupOptions>>().Value.RestoreFrom!;
        // The host runs for its telemetry exporters only: the dashboard shows the restore's trace and logs.
        await app.StartAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromHours(6));
            var result = await app.Services.GetRequiredService<BackupRestorer>().RestoreAsync(from, timeout.Token);
            logger.LogInformation("Restore of {Id} done{Safety}", result.Restored.Id,
                result.SafetyBackup is { } safety ? $"; the database as it was is in backup {safety.Id}" : "");
            return 0;
        }
        catch (BackupRefusedException refusal)
        {
            logger.LogCritical("Restore refused: {Reason}", refusal.Message);
            return 2;
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "Restore failed; the database is as it was before (pg_restore runs in one transaction)");
            return 1;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
