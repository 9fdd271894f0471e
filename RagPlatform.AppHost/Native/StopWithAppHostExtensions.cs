using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RagPlatform.AppHost.Native;

internal static class StopWithAppHostExtensions
{
    /// <summary>
    /// Stops the server by its pid file as soon as the AppHost begins to stop. The orchestrator detaches
    /// from the AppHost and may leave its children running for half a minute; a PostgreSQL still holding
    /// its port and data folder would then block the next start.
    /// </summary>
    public static IResourceBuilder<T> StopWithAppHost<T>(this IResourceBuilder<T> builder, int signal)
        where T : NativeServerResource
    {
        var layout = builder.Resource.Layout;

        builder.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            var logger = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(builder.Resource);
            e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() =>
            {
                if (NativeProcesses.StopFromPidFile(layout, signal, TimeSpan.FromSeconds(20)))
                {
                    logger.LogInformation("Stopped {Process} in {DataDirectory} with the AppHost.", layout.ProcessName, layout.DataDirectory);
                }
            });
            return Task.CompletedTask;
        });
        return builder;
    }
}
