using Microsoft.Extensions.Configuration;
using RagPlatform.AppHost.Infrastructure;

namespace RagPlatform.AppHost.Native;

/// <summary>Ports, data folder and binaries of native mode, read from <c>Infrastructure:*</c>.</summary>
public sealed record NativeInfrastructureSettings(
    string DataDirectory, int PostgresPort, int RedisPort, string PostgresBinDirectory, string RedisServer, string? RunAsUser)
{
    public const string InstallHint = "apt-get install postgresql redis-server";

    public static NativeInfrastructureSettings Read(IConfiguration configuration)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new InfrastructureConfigurationException("Infrastructure:Mode native runs the machine's PostgreSQL and Redis on Linux only; use containers.");
        }

        var section = configuration.GetSection("Infrastructure");
        var postgres = PostgresInstallation.Find(section["PostgresBinDirectory"]) ?? throw Missing("postgres and initdb");
        var runAsUser = postgres.RunAsUser;
        var dataDirectory = Path.GetFullPath(section["DataDirectory"] is { Length: > 0 } dir ? dir : DefaultDataDirectory());
        if (runAsUser is not null && FirstClosedAncestor(dataDirectory) is { } closed)
        {
            throw new InfrastructureConfigurationException(
                $"Infrastructure:DataDirectory is {dataDirectory}, but PostgreSQL runs as '{runAsUser}' and cannot pass through {closed}. Choose a folder such as /var/lib/ragplatform.");
        }

        return new(
            DataDirectory: dataDirectory,
            PostgresPort: section.GetValue("PostgresPort", 5433),
            RedisPort: section.GetValue("RedisPort", 6380),
            PostgresBinDirectory: postgres.BinDirectory,
            RedisServer: RedisInstallation.Find() ?? throw Missing("redis-server"),
            RunAsUser: runAsUser);
    }

    /// <summary>
    /// As root, PostgreSQL runs as the postgres user, which cannot traverse root's home (mode 700),
    /// so root's default lives under /var/lib. Either survives restarts, unlike /tmp.
    /// </summary>
    private static string DefaultDataDirectory() => Environment.IsPrivilegedProcess
        ? "/var/lib/ragplatform"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ragplatform");

    /// <summary>The first existing folder on the way to <paramref name="path"/> that other users may not enter.</summary>
    private static string? FirstClosedAncestor(string path)
    {
        for (var dir = Path.GetDirectoryName(path); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (!OperatingSystem.IsWindows() && Directory.Exists(dir) && !File.GetUnixFileMode(dir).HasFlag(UnixFileMode.OtherExecute))
            {
                return dir;
            }
        }

        return null;
    }

    private static InfrastructureConfigurationException Missing(string what) => new(
        $"Infrastructure:Mode is native but {what} could not be found on this machine. Install them with: {InstallHint}");
}
