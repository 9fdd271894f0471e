using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace RagPlatform.AppHost.Restarts;

public static class RestartPolicyExtensions
{
    /// <summary>
    /// Restarts each process of this resource that exits on its own (see <see cref="RestartPolicyAnnotation"/>;
    /// <see cref="RestartPolicyAnnotation.Default"/> when none is given). Stopping it from the dashboard, or stopping the
    /// AppHost, is not an exit on its own and is left alone.
    /// </summary>
    public static IResourceBuilder<T> WithRestartPolicy<T>(this IResourceBuilder<T> builder, RestartPolicyAnnotation? policy = null)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ApplicationBuilder.Services.TryAddSingleton(TimeProvider.System);
        builder.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ResourceRestarter>());
        return builder.WithAnnotation(policy ?? RestartPolicyAnnotation.Default, ResourceAnnotationMutationBehavior.Replace);
    }
}
