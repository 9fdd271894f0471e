using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace RagPlatform.AppHost.Native;

/// <summary>
/// The machine's PostgreSQL and how this repository runs it, for the AppHost's native mode and the tests' throwaway
/// servers alike: where the binaries are, which account runs them (postgres refuses root), initdb into a folder that
/// account can reach, the server's arguments, and when it is ready.
/// </summary>
public sealed record PostgresInstallation(string BinDirectory, string? RunAsUser)
{
    /// <summary>
    /// The installation <paramref name="configuredBinDirectory"/> names, else pg_config's, else the newest under
    /// /usr/lib/postgresql; null when none has both postgres and initdb.
    /// </summary>
    public static PostgresInstallation? Find(string? configuredBinDirectory = null)
    {
        var candidates = new List<string?> { configuredBinDirectory, PgConfigBinDirectory() };
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        var bin = candidates.FirstOrDefault(d => d is not null && File.Exists(Path.Combine(d, "postgres")) && File.Exists(Path.Combine(d, "initdb")));
        return bin is null ? null : new PostgresInstallation(bin, Environment.IsPrivilegedProcess ? "postgres" : null);
    }

    /// <summary>The command and leading arguments that run the installation's <paramref name="program"/> as <see cref="RunAsUser"/>.</summary>
    /// <remarks>
    /// setpriv replaces itself with the target (runuser forks and stays as a parent), so the process a caller tracks
    /// and signals is the server itself: SIGINT then reaches the postmaster as PostgreSQL's fast shutdown.
    /// </remarks>
    public (string Command, string[] Prefix) Launch(string program) => NativeProcesses.RunAs(RunAsUser, Path.Combine(BinDirectory, program));

    /// <summary>
    /// Creates <paramref name="dataDirectory"/> owned by <see cref="RunAsUser"/> and mode 700 (initdb and postgres refuse a
    /// folder others can read) and initialises a cluster in it with trust authentication for the postgres role.
    /// </summary>
    public async Task InitDbAsync(string dataDirectory, ILogger? logger = null, bool noSync = false, CancellationToken ct = default)
    {
        logger ??= NullLogger.Instance;
        Directory.CreateDirectory(dataDirectory);
        if (RunAsUser is not null)
        {
            await NativeProcesses.RunAsync("chown", [$"{RunAsUser}:", dataDirectory], logger, ct);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var (command, prefix) = Launch("initdb");
        string[] sync = noSync ? ["--no-sync"] : [];
        try
        {
            await NativeProcesses.RunAsync(command,
                [.. prefix, "-D", dataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", .. sync], logger, ct);
        }
        catch (InvalidOperationException ex) when (RunAsUser is not null)
        {
            throw new InvalidOperationException(
                $"{ex.Message} PostgreSQL runs as '{RunAsUser}': its data folder must be one that user can reach (not under /root).", ex);
        }
    }

    /// <summary>The server's arguments: <paramref name="dataDirectory"/>, TCP on 127.0.0.1:<paramref name="port"/> only, no Unix socket.</summary>
    public static string[] ServerArguments(string dataDirectory, int port, params string[] settings) =>
        ["-D", dataDirectory, "-p", port.ToString(CultureInfo.InvariantCulture),
         "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", .. settings.SelectMany(s => new[] { "-c", s })];

    /// <summary>Trust authentication on 127.0.0.1: no password to keep in step with the data folder.</summary>
    public static string ConnectionString(int port, string database) =>
        $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database}";

    /// <summary>Whether the server on <paramref name="port"/> answers a query ("running" only means the process started).</summary>
    public static async Task<bool> IsReadyAsync(int port, CancellationToken ct = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection($"{ConnectionString(port, "postgres")};Pooling=false;Timeout=2");
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            return false;
        }
    }

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", ["--bindir"]) { RedirectStandardOutput = true, RedirectStandardError = true });
            var output = process?.StandardOutput.ReadToEnd().Trim();
            return process is not null && process.WaitForExit(3000) && process.ExitCode == 0 ? output : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
