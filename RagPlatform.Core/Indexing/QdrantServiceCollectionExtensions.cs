using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Resilience;

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
        services.AddSingleton(sp => new QdrantSearchIndex(
            sp.GetRequiredService<IOptions<QdrantIndexOptions>>().Value, sp.GetRagPipeline(ResiliencePipelines.Qdrant)));
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<QdrantSearchIndex>());
        services.AddHostedService<QdrantCollectionInitializer>();
        return services;
    }
}
