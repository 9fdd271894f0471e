using Microsoft.Extensions.Options;
using RagPlatform.Api.Admin;
using RagPlatform.Api.Admission;
using RagPlatform.Api.Answers;
using RagPlatform.Api.Database;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Ingestion;
using RagPlatform.Api.Search;
using RagPlatform.Api.Security;
using RagPlatform.Api.Warmup;
using RagPlatform.Core.Backups;
using RagPlatform.Core.Chat;
using RagPlatform.Core.Embeddings;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Resilience;
using RagPlatform.Core.Storage;
using StackExchange.Redis;

namespace RagPlatform.Api;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Without PostgreSQL the API still searches from its in-memory index: degraded, not down.
        builder.AddRagStorage(whenDatabaseDown: HealthStatus.Degraded);
        builder.AddRagStores(guarded: true);
        builder.AddRagBackups(); // on demand only (POST /api/v1/admin/backups): the worker runs the schedule
        builder.AddRagSecurity();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DependencyUnavailableExceptionHandler>();
        builder.Services.AddAdmission();

        // Migrations first: hosted services start in registration order.
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHostedService<DatabaseMigrationService>();

        builder.Services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IngestionHealthOptions>().BindConfiguration(IngestionHealthOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHealthChecks().AddCheck<IngestionWorkersHealthCheck>("ingestion-workers");

        // Redis is a cache: without one configured the API runs uncached, and its outage must not
        // make the API unhealthy, so it has no health check.
        if (builder.Configuration.GetConnectionString("cache") is not null)
        {
            builder.AddRedisClient("cache", settings => settings.DisableHealthChecks = true,
            options =>
            {
                options.AbortOnConnectFail = false;
                // A slow cache is worse than none: give up quickly and search.
                options.SyncTimeout = options.AsyncTimeout = 250;
                options.ConnectTimeout = 2000;
                // While disconnected, fail a command at once (a cache miss) instead of queueing it until the connection
                // returns: the default backlog held each read until the redis pipeline's timeout, so every search paid
                // that timeout per cache read until the breaker opened.
                options.BacklogPolicy = BacklogPolicy.FailFast;
            });
        }

        builder.AddRagEmbeddings();
        builder.AddRagChat();
        builder.AddSearchIndex();

        builder.Services.AddSingleton<PostgresKeywordSearch>();
        builder.Services.AddSingleton<Retriever>();
        builder.Services.AddOptions<WarmupOptions>().BindConfiguration(WarmupOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SearchWarmup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchWarmup>());
        builder.Services.AddHealthChecks().AddCheck<SearchWarmup>("search-warmup");
        builder.Services.AddSingleton<IndexReconciler>();
        builder.Services.AddHostedService<ReconcileService>();
        builder.Services.AddSingleton<SearchMetrics>();
        builder.Services.AddSingleton<SearchCache>();
        builder.Services.AddSingleton<QueryEmbeddingCache>();
        builder.Services.AddOptions<AnswerOptions>().BindConfiguration(AnswerOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new AnswerService(
            sp.GetRequiredService<ILogger<AnswerService>>(), sp.GetService<Microsoft.Extensions.AI.IChatClient>(),
            sp.GetRagPipeline(ResiliencePipelines.Chat), sp.GetRequiredService<IOptions<AnswerOptions>>().Value));
        return builder;
    }

    private static void AddSearchIndex(this IHostApplicationBuilder builder)
    {
        if (builder.AddIndexOptions().UsesQdrant)
        {
            // The worker's projector is Qdrant's only writer; this instance searches it and follows the
            // projection's checkpoint, which versions (caches) its results and answers read-your-write waits.
            builder.Services.AddQdrantSearchIndex();
            builder.Services.AddSingleton<ProjectionCheckpointFollower>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ProjectionCheckpointFollower>());
            builder.Services.AddSingleton<IIndexVersion>(sp => sp.GetRequiredService<ProjectionCheckpointFollower>());
            return;
        }

        builder.Services.AddOptions<RetrievalOptions>().BindConfiguration(RetrievalOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new EmbeddedSearchIndex(options: sp.GetRequiredService<IOptions<RetrievalOptions>>().Value));
        builder.Services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<EmbeddedSearchIndex>());
        builder.Services.AddSingleton<EmbeddedIndexSynchronizer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedIndexSynchronizer>());
        builder.Services.AddSingleton<IIndexVersion>(sp => sp.GetRequiredService<EmbeddedIndexSynchronizer>());
        builder.Services.AddHealthChecks().AddCheck<SearchIndexHealthCheck>("search-index");
    }
}
