using Microsoft.Extensions.Configuration;
using RagPlatform.AppHost.Native;

namespace RagPlatform.AppHost.Backups;

/// <summary>
/// Backups in the application model: the <c>Backup:*</c> settings given to the AppHost reach the services, native mode
/// keeps sets under its data folder and uses its own pg_dump, and <c>--Backup:RestoreFrom=latest|ID</c> adds a one-shot
/// restore resource that the services wait to complete (Aspire's migration-service pattern).
/// </summary>
public static class BackupResourceExtensions
{
    private const string Section = "Backup";
    private const string RestoreFromKey = "Backup:RestoreFrom";

    public static IResourceBuilder<ProjectResource> WithBackups(
        this IResourceBuilder<ProjectResource> project, IConfiguration configuration, NativeInfrastructureSettings? native)
    {
        foreach (var setting in configuration.GetSection(Section).AsEnumerable(makePathsRelative: true))
        {
            if (setting.Value is not null && !string.Equals(setting.Key, "RestoreFrom", StringComparison.OrdinalIgnoreCase))
            {
                project.WithEnvironment($"{Section}__{setting.Key.Replace(":", "__", StringComparison.Ordinal)}", setting.Value);
            }
        }
        if (native is not null)
        {
            if (configuration[$"{Section}:LocalPath"] is not { Length: > 0 })
            {
                project.WithEnvironment("Backup__LocalPath", Path.Combine(native.DataDirectory, "backups"));
            }
            if (configuration[$"{Section}:PostgresBinDirectory"] is not { Length: > 0 })
            {
                project.WithEnvironment("Backup__PostgresBinDirectory", native.PostgresBinDirectory);
            }
        }
        return project;
    }

    /// <summary>The restore resource when <c>Backup:RestoreFrom</c> is given, else null.</summary>
    public static IResourceBuilder<ProjectResource>? AddRestore(
        this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString> database, NativeInfrastructureSettings? native)
    {
        if (builder.Configuration[RestoreFromKey] is not { Length: > 0 } from)
        {
            return null;
        }
        return builder.AddProject<Projects.RagPlatform_Worker>("restore")
            .WithReference(database).WaitFor(database)
            .WithBackups(builder.Configuration, native)
            .WithEnvironment("Backup__RestoreFrom", from);
    }

    /// <summary>Starts <paramref name="project"/> only once the restore, if any, has finished successfully.</summary>
    public static IResourceBuilder<ProjectResource> WaitForRestore(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource>? restore) =>
        restore is null ? project : project.WaitForCompletion(restore);
}
