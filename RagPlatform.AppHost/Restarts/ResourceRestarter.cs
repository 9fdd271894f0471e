using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RagPlatform.AppHost.Restarts;

/// <summary>
/// Aspire has no restart policy for projects (dotnet/aspire#1708): this watches every resource's state through
/// <see cref="ResourceNotificationService"/> and, for those with a <see cref="RestartPolicyAnnotation"/>, runs the
/// resource's own start command (the dashboard's Start button) on a process that exited on its own, with backoff and a
/// cap. Each decision is written to that process's console log in the dashboard, and the count is shown as its
/// "restarts" property.
/// </summary>
public sealed class ResourceRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService logs,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ResourceRestarter> logger) : BackgroundService
{
    public const string RestartsProperty = "restarts";
    private readonly Dictionary<IResource, RestartTracker> _trackers = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (!change.Resource.TryGetLastAnnotation<RestartPolicyAnnotation>(out var policy) || lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    continue;
                }

                if (!_trackers.TryGetValue(change.Resource, out var tracker))
                {
                    _trackers[change.Resource] = tracker = new RestartTracker(policy);
                }

                var snapshot = change.Snapshot;
                switch (tracker.OnState(change.ResourceId, snapshot.State?.Text, snapshot.ExitCode, time.GetUtcNow()))
                {
                    case RestartDecision.Restart restart:
                        _ = RestartAsync(change, restart, policy, stoppingToken);
                        break;
                    case RestartDecision.GiveUp giveUp:
                        logs.GetLogger(change.ResourceId).LogError(
                            "Exited with code {ExitCode} after {Restarts} restarts in a row; not restarting it again (restart it from the dashboard)",
                            snapshot.ExitCode, giveUp.Restarts);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(ResourceEvent change, RestartDecision.Restart restart, RestartPolicyAnnotation policy, CancellationToken stoppingToken)
    {
        var console = logs.GetLogger(change.ResourceId);
        try
        {
            console.LogWarning("Exited with code {ExitCode} without being asked to stop; restart {Restart} of at most {Max} in a row, in {Delay} s",
                change.Snapshot.ExitCode, restart.Number, policy.MaxRestarts, restart.Delay.TotalSeconds);
            await Task.Delay(restart.Delay, time, stoppingToken);
            var result = await commands.ExecuteCommandAsync(change.ResourceId, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                console.LogError("Restart {Restart} failed: {Error}", restart.Number, result.Message);
                return;
            }

            await notifications.PublishUpdateAsync(change.Resource, change.ResourceId, snapshot => snapshot with
            {
                Properties = [.. snapshot.Properties.Where(p => p.Name != RestartsProperty),
                    new ResourcePropertySnapshot(RestartsProperty, restart.Number.ToString(CultureInfo.InvariantCulture))],
            });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not restart {Resource}", change.ResourceId);
        }
    }
}
