using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
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

    /// <summary>Creates the collection at start; retried for about a minute, since the cluster may still be forming.</summary>
    private sealed class QdrantCollectionInitializer(QdrantSearchIndex index, ILogger<QdrantCollectionInitializer> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var startup = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = 9,
                    Delay = TimeSpan.FromSeconds(2),
                    BackoffType = DelayBackoffType.Linear,
                    MaxDelay = TimeSpan.FromSeconds(10),
                    UseJitter = true,
                    OnRetry = args =>
                    {
                        logger.LogWarning(args.Outcome.Exception, "Qdrant collection not ready (attempt {Attempt}); retrying", args.AttemptNumber + 1);
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
            await startup.ExecuteAsync(async token => await index.EnsureCollectionAsync(token), cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
