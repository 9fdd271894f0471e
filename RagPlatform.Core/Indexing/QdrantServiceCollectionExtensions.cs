using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Indexing;

public static class QdrantServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="QdrantSearchIndex"/> as the <see cref="ISearchIndex"/>, configured from the
    /// "Qdrant" section, and makes sure its collection exists when the host starts.
    /// </summary>
    public static IServiceCollection AddQdrantSearchIndex(this IServiceCollection services)
    {
        services.AddOptions<QdrantIndexOptions>().BindConfiguration(QdrantIndexOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new QdrantSearchIndex(sp.GetRequiredService<IOptions<QdrantIndexOptions>>().Value));
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<QdrantSearchIndex>());
        services.AddHostedService<QdrantCollectionInitializer>();
        return services;
    }

    /// <summary>Creates the collection at start; retried, since the cluster may still be forming.</summary>
    private sealed class QdrantCollectionInitializer(QdrantSearchIndex index, ILogger<QdrantCollectionInitializer> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await index.EnsureCollectionAsync(cancellationToken);
                    return;
                }
                catch (Exception ex) when (attempt < 10 && !cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Qdrant collection not ready (attempt {Attempt}); retrying", attempt);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt * 2, 10)), cancellationToken);
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
