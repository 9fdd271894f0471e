using Microsoft.Extensions.DependencyInjection;
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
        var layout = new NativeProcessLayout(dataDirectory, Path.Combine(dataDirectory, "postmaster.pid"), "postgres", settings.RunAsUser);
        var (command, prefix) = layout.Launch(Path.Combine(settings.PostgresBinDirectory, "postgres"));
        var server = new NativePostgresServerResource(name, command, layout, settings.PostgresPort);

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(server.ConnectionString("postgres"), name: healthCheckKey);

        return builder.AddResource(server)
            .WithArgs([.. prefix, "-D", dataDirectory, "-p", $"{settings.PostgresPort}",
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="])
            .WithEndpoint(port: settings.PostgresPort, targetPort: settings.PostgresPort, scheme: "tcp",
                name: NativeServerResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheckKey)
            .OnBeforeResourceStarted((resource, e, ct) =>
                PrepareDataDirectoryAsync(resource, settings, e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource), ct))
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
        NativePostgresServerResource server, NativeInfrastructureSettings settings, ILogger logger, CancellationToken ct)
    {
        var layout = server.Layout;
        Directory.CreateDirectory(layout.DataDirectory);
        if (layout.RunAsUser is not null)
        {
            await NativeProcesses.RunAsync("chown", [$"{layout.RunAsUser}:", layout.DataDirectory], logger, ct);
        }

        if (!OperatingSystem.IsWindows())
        {
            // initdb and postgres refuse a data folder that others can read.
            File.SetUnixFileMode(layout.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (NativeProcesses.StopFromPidFile(layout, NativeProcesses.SigInt, TimeSpan.FromSeconds(30)))
        {
            logger.LogWarning("Stopped a PostgreSQL left running on {DataDirectory} by a previous run.", layout.DataDirectory);
        }

        if (File.Exists(Path.Combine(layout.DataDirectory, "PG_VERSION")))
        {
            return;
        }

        logger.LogInformation("Initialising a new PostgreSQL data folder in {DataDirectory}.", layout.DataDirectory);
        try
        {
            var (command, prefix) = layout.Launch(Path.Combine(settings.PostgresBinDirectory, "initdb"));
            await NativeProcesses.RunAsync(command,
                [.. prefix, "-D", layout.DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale"], logger, ct);
        }
        catch (InvalidOperationException ex) when (layout.RunAsUser is not null)
        {
            throw new InvalidOperationException(
                $"{ex.Message} PostgreSQL runs as '{layout.RunAsUser}': Infrastructure:DataDirectory must be a folder that user can reach (not under /root).", ex);
        }
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
