namespace RagPlatform.Api.Admin;

/// <summary>Reconciles the index with PostgreSQL periodically (Index:ReconcileInterval; zero turns it off).</summary>
public sealed class ReconcileService(IndexReconciler reconciler, IConfiguration configuration, ILogger<ReconcileService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Index:ReconcileInterval", TimeSpan.FromMinutes(15));
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await reconciler.ReconcileAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Index reconciliation failed; next attempt in {Interval}", interval);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
