using Npgsql;
using Polly;
using Polly.Retry;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Database;

/// <summary>
/// Migrates the schema before the API serves anything (hosted services start in order, and this
/// one is registered first). The worker waits for the API's health, so it never sees an old schema.
/// </summary>
public sealed class DatabaseMigrationService(SchemaMigrator migrator, ILogger<DatabaseMigrationService> logger) : IHostedService
{
    // PostgreSQL may still be starting even when the orchestrator says it runs.
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>().Handle<TimeoutException>(),
            MaxRetryAttempts = 10,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(5),
            UseJitter = true,
        })
        .Build();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Retry.ExecuteAsync(async token => await migrator.MigrateAsync(token), cancellationToken);
        logger.LogInformation("Database schema is up to date");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
