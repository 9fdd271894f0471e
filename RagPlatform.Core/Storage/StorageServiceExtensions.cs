using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Core.Storage;

/// <summary>What the API and the worker both register: the database, the clock, and the index backend setting.</summary>
public static class StorageServiceExtensions
{
    /// <summary>The connection name every service asks for; the AppHost's database resource has the same name.</summary>
    public const string DatabaseConnectionName = "ragdb";

    public static IHostApplicationBuilder AddRagStorage(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseConnectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Binds and validates "Index" at start, and returns it for choosing what to register.</summary>
    public static IndexOptions AddIndexOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IndexOptions>().BindConfiguration(IndexOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        return builder.Configuration.GetSection(IndexOptions.SectionName).Get<IndexOptions>() ?? new IndexOptions();
    }
}
