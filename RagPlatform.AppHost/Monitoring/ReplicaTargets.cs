using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RagPlatform.AppHost.Monitoring;

/// <summary>
/// Keeps one file_sd targets file per service up to date with the host:port of each of its replicas. Replicas share one
/// proxied endpoint that spreads requests among them, so scraping it would mix their counters; each replica's own port
/// is in its effective environment (ASPNETCORE_URLS), which the orchestrator reports once it has started it.
/// </summary>
internal static class ReplicaTargets
{
    public static void KeepWritten(IDistributedApplicationBuilder builder, string folder, IReadOnlySet<string> services)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((e, ct) =>
        {
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            // Runs until the AppHost stops and ends itself then, so nothing awaits it.
            _ = WatchAsync(notifications, folder, services, stopping);
            return Task.CompletedTask;
        });
    }

    private static async Task WatchAsync(ResourceNotificationService notifications, string folder, IReadOnlySet<string> services, CancellationToken ct)
    {
        // Replica id -> target; a replica that crashes keeps its target, so Prometheus reports it down (the ServiceDown alert).
        var targets = new ConcurrentDictionary<string, ConcurrentDictionary<string, string>>(StringComparer.Ordinal);
        try
        {
            await foreach (var update in notifications.WatchAsync(ct))
            {
                if (!services.Contains(update.Resource.Name)
                    || TargetOf(update.Snapshot.EnvironmentVariables.Select(v => (v.Name, v.Value))) is not { } target)
                {
                    continue;
                }

                var replicas = targets.GetOrAdd(update.Resource.Name, _ => new(StringComparer.Ordinal));
                if (replicas.TryGetValue(update.ResourceId, out var known) && known == target)
                {
                    continue;
                }

                replicas[update.ResourceId] = target;
                Directory.CreateDirectory(folder);
                Write(Path.Combine(folder, update.Resource.Name + ".json"), PrometheusConfiguration.RenderTargetsFile(replicas.Values.Distinct()));
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }

    /// <summary>127.0.0.1:port of the first http URL in ASPNETCORE_URLS, or null while it is not resolved yet.</summary>
    internal static string? TargetOf(IEnumerable<(string Name, string? Value)> environment)
    {
        var urls = environment.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS").Value;
        foreach (var url in urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
        {
            if (Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                && uri.Scheme == Uri.UriSchemeHttp && uri.Port > 0)
            {
                return $"127.0.0.1:{uri.Port}";
            }
        }

        return null;
    }

    // Prometheus may read the file at any moment: it sees the old one or the new one, never half of one.
    private static void Write(string path, string content)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
