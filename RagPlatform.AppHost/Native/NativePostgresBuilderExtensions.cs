using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RagPlatform.AppHost.Native;

public static class NativePostgresBuilderExtensions
{
    /// <summary>
    /// The machine's PostgreSQL as an executable: its own data folder (initdb on first start), bound
    /// to 127.0.0.1 on a fixed port with trust authentication, no Unix socket, healthy once it answers
    /// a query, stopped with a fast shutdown when the AppHost stops.
    /// </summary>
    public static IResourceBuilder<NativePostgresServerResource> AddNativePostgres(
        this IDistributedApplicationBuilder builder, string name, NativeInfrastructureSettings settings)
    {
        var dataDirectory = Path.Combine(settings.DataDirectory, "postgres");
        var installation = new PostgresInstallation(settings.PostgresBinDirectory, settings.RunAsUser);
        var layout = new NativeProcessLayout(dataDirectory, Path.Combine(dataDirectory, "postmaster.pid"), "postgres", settings.RunAsUser);
        var (command, prefix) = installation.Launch("postgres");
        var server = new NativePostgresServerResource(name, command, layout, settings.PostgresPort);

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async ct =>
            await PostgresInstallation.IsReadyAsync(settings.PostgresPort, ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy());

        return builder.AddResource(server)
            .WithArgs([.. prefix, .. PostgresInstallation.ServerArguments(dataDirectory, settings.PostgresPort)])
            .WithEndpoint(port: settings.PostgresPort, targetPort: settings.PostgresPort, scheme: "tcp",
                name: NativeServerResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheckKey)
            .OnBeforeResourceStarted((resource, e, ct) =>
                PrepareDataDirectoryAsync(resource, installation, e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource), ct))
            // SIGINT is PostgreSQL's fast shutdown (what pg_ctl stop -m fast sends): it ends open sessions
            // instead of waiting for the services' connection pools to close.
            .StopWithAppHost(NativeProcesses.SigInt);
    }

    /// <summary>A database created in the server once it is ready; healthy once it answers a query.</summary>
    public static IResourceBuilder<NativePostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<NativePostgresServerResource> server, string name)
    {
        var database = new NativePostgresDatabaseResource(name, name, server.Resource);
        var healthCheckKey = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().AddNpgSql(server.Resource.ConnectionString(name), name: healthCheckKey);
        // The orchestrator only runs the server, so this resource's state is ours to publish.
        server.OnResourceReady(async (resource, e, ct) =>
        {
            await CreateDatabaseIfMissingAsync(resource, name, ct);
            await e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database,
                s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
        });
        server.OnResourceStopped((_, e, _) => e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database,
            s => s with { State = KnownResourceStates.Exited, StopTimeStamp = DateTime.UtcNow }));

        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithHealthCheck(healthCheckKey);
    }

    private static async Task PrepareDataDirectoryAsync(
        NativePostgresServerResource server, PostgresInstallation installation, ILogger logger, CancellationToken ct)
    {
        var layout = server.Layout;
        Directory.CreateDirectory(layout.DataDirectory);
        if (NativeProcesses.StopFromPidFile(layout, NativeProcesses.SigInt, TimeSpan.FromSeconds(30)))
        {
            logger.LogWarning("Stopped a PostgreSQL left running on {DataDirectory} by a previous run.", layout.DataDirectory);
        }

        if (File.Exists(Path.Combine(layout.DataDirectory, "PG_VERSION")))
        {
            return;
        }

        logger.LogInformation("Initialising a new PostgreSQL data folder in {DataDirectory}.", layout.DataDirectory);
        await installation.InitDbAsync(layout.DataDirectory, logger, ct: ct);
    }

    private static async Task CreateDatabaseIfMissingAsync(NativePostgresServerResource server, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync(ct);

        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null)
        {
            return;
        }

        var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(database);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        await create.ExecuteNonQueryAsync(ct);
    }
}
