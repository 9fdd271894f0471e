using Microsoft.Extensions.Logging;
using Npgsql;

namespace RagPlatform.Core.Storage;

/// <summary>
/// Runs a piece of work whenever a NOTIFY arrives on a channel, and every <c>poll</c> regardless (a notification is
/// lost with a dropped connection), until stopped; a failure (PostgreSQL away) is logged and the loop starts over.
/// </summary>
public static class NotificationLoop
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(
        NpgsqlDataSource dataSource, string channel, TimeSpan poll, Func<CancellationToken, Task> work,
        TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                // Listen before the work reads, so nothing committed after its read goes unnoticed.
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await work(stoppingToken);
                    await listener.WaitAsync(poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Following {Channel} failed; retrying in {Delay}", channel, RetryDelay);
                await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
