using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Resilience;

namespace RagPlatform.Core.Indexing;

public static class QdrantServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="QdrantSearchIndex"/> as the <see cref="ISearchIndex"/> over every node of the "Qdrant"
    /// section (validated at start), makes sure its collection exists at its configured replication when the host
    /// starts, and adds the cluster health check ("qdrant-cluster").
    /// </summary>
    public static IServiceCollection AddQdrantSearchIndex(this IServiceCollection services)
    {
        services.AddOptions<QdrantIndexOptions>().BindConfiguration(QdrantIndexOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<QdrantIndexOptions>, QdrantIndexOptionsValidator>();
        services.AddSingleton(sp => QdrantNodePool.Create(
            sp.GetRequiredService<IOptions<QdrantIndexOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<QdrantNodePool>()));
        services.AddSingleton(sp => new QdrantSearchIndex(
            sp.GetRequiredService<QdrantNodePool>(),
            sp.GetRequiredService<IOptions<QdrantIndexOptions>>().Value,
            sp.GetRagPipeline(ResiliencePipelines.Qdrant)));
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<QdrantSearchIndex>());
        services.AddHostedService<QdrantCollectionInitializer>();

        // Its own client, without the standard resilience handler: the check has a short timeout of its own and
        // tries the next node itself.
        services.AddHttpClient(QdrantClusterHealthCheck.HttpClientName);
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(QdrantClusterHealthCheck.Name,
            sp => new QdrantClusterHealthCheck(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(QdrantClusterHealthCheck.HttpClientName),
                sp.GetRequiredService<IOptions<QdrantIndexOptions>>().Value),
            failureStatus: null, tags: null));
        return services;
    }
}
