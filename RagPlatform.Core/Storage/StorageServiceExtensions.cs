using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Resilience;

namespace RagPlatform.Core.Storage;

/// <summary>What the API and the worker both register: the database (bare, and guarded), the clock, and the index backend setting.</summary>
public static class StorageServiceExtensions
{
    /// <summary>The connection name every service asks for; the AppHost's database resource has the same name.</summary>
    public const string DatabaseConnectionName = "ragdb";

    /// <param name="whenDatabaseDown">What /health reports while PostgreSQL does not answer.</param>
    public static IHostApplicationBuilder AddRagStorage(this IHostApplicationBuilder builder, HealthStatus whenDatabaseDown = HealthStatus.Unhealthy)
    {
        builder.AddRagResilience();
        // Aspire's own check would always say Unhealthy; this one goes through the postgres pipeline and reports whenDatabaseDown.
        builder.AddNpgsqlDataSource(DatabaseConnectionName, settings => settings.DisableHealthChecks = true);
        builder.Services.AddSingleton(sp => new GuardedDatabase(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRagPipeline(ResiliencePipelines.Postgres)));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("postgres",
            sp => new DatabaseHealthCheck(sp.GetRequiredService<GuardedDatabase>()), whenDatabaseDown, tags: null));
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>
    /// The owners of the documents and the ingestion queue. <paramref name="guarded"/>: through the <c>postgres</c>
    /// pipeline (<see cref="GuardedDatabase"/>), as the API's requests must be; otherwise straight to the data source
    /// (<see cref="GuardedDatabase.Unguarded"/>), as the worker's loops are.
    /// </summary>
    public static IHostApplicationBuilder AddRagStores(this IHostApplicationBuilder builder, bool guarded)
    {
        builder.Services.AddOptions<IngestionQueueOptions>().BindConfiguration(IngestionQueueOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new DocumentStore(Database(sp, guarded), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new EmbeddingCheckpoints(Database(sp, guarded), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new OcrProgressLog(Database(sp, guarded), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new IngestionQueue(Database(sp, guarded), sp.GetRequiredService<DocumentStore>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<IngestionQueueOptions>>()));
        return builder;
    }

    private static GuardedDatabase Database(IServiceProvider services, bool guarded) => guarded
        ? services.GetRequiredService<GuardedDatabase>()
        : GuardedDatabase.Unguarded(services.GetRequiredService<NpgsqlDataSource>());

    /// <summary>Binds and validates "Index" at start, and returns it for choosing what to register.</summary>
    public static IndexOptions AddIndexOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IndexOptions>().BindConfiguration(IndexOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        return builder.Configuration.GetSection(IndexOptions.SectionName).Get<IndexOptions>() ?? new IndexOptions();
    }
}
