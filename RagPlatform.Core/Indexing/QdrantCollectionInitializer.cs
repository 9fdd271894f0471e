using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Creates the collection at start, or raises an existing one to the configured replication factor; retried for about
/// a minute, since the cluster may still be forming.
/// </summary>
public sealed class QdrantCollectionInitializer(
    QdrantSearchIndex index, QdrantNodePool nodes, IOptions<QdrantIndexOptions> options, ILogger<QdrantCollectionInitializer> logger) : IHostedService
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
        await startup.ExecuteAsync(async token => await QdrantReplication.RaiseAsync(
            index, nodes, options.Value.CollectionName, options.Value.EffectiveReplicationFactor, logger, token), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
