using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace RagPlatform.Core.Backups;

/// <summary>
/// pg_dump and pg_restore of one installation, run as processes against a connection string. The password, if any,
/// travels in PGPASSWORD rather than on the command line, where any local user could read it.
/// </summary>
public sealed partial class PostgresClientTools(string binDirectory)
{
    public string BinDirectory { get; } = binDirectory;

    public string PgDump => Path.Combine(BinDirectory, "pg_dump");

    public string PgRestore => Path.Combine(BinDirectory, "pg_restore");

    /// <summary>The configured folder, else pg_config's, else the newest under /usr/lib/postgresql, else whatever PATH finds.</summary>
    public static PostgresClientTools Find(string? configuredBinDirectory)
    {
        if (configuredBinDirectory is { Length: > 0 })
        {
            return new(configuredBinDirectory);
        }
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return new(candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_dump"))) ?? "/usr/bin");
    }

    /// <summary>
    /// Refuses, with the reason, a pg_dump that cannot dump this server: pg_dump reads servers of its own major version
    /// and older only (a newer server's catalogs are unknown to it), so the tool's major must be at least the server's.
    /// </summary>
    /// <param name="pgDumpVersion">What <c>pg_dump --version</c> printed, e.g. "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)".</param>
    /// <param name="serverVersionNum">The server's <c>server_version_num</c>, e.g. 150018 or 170002.</param>
    public static void EnsureCanDump(string pgDumpVersion, int serverVersionNum)
    {
        var match = VersionPattern().Match(pgDumpVersion);
        if (!match.Success)
        {
            throw new BackupRefusedException("tool_version", $"Cannot read pg_dump's version from '{pgDumpVersion.Trim()}'.");
        }
        var first = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var second = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        // Before 10 the major version had two parts (9.6); server_version_num is 90624 for 9.6.24, 150018 for 15.18.
        var toolMajor = first >= 10 ? first * 10000 : (first * 10000) + (second * 100);
        var serverMajor = serverVersionNum >= 100000 ? serverVersionNum / 10000 * 10000 : serverVersionNum / 100 * 100;
        if (toolMajor < serverMajor)
        {
            throw new BackupRefusedException("tool_version",
                $"pg_dump {match.Value} cannot dump PostgreSQL {MajorText(serverMajor)}: pg_dump must be of the server's major version or newer. " +
                $"Install the PostgreSQL {MajorText(serverMajor)} client tools (postgresql-client-{MajorText(serverMajor)}) and point Backup:PostgresBinDirectory at them, " +
                "or run a server of a major version this pg_dump knows.");
        }
    }

    /// <summary>Checks this installation's pg_dump against the server behind <paramref name="dataSource"/>.</summary>
    public async Task EnsureCanDumpAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (!File.Exists(PgDump))
        {
            throw new BackupRefusedException("tool_missing",
                $"pg_dump not found in {BinDirectory}: install the PostgreSQL client tools (apt-get install postgresql-client) or set Backup:PostgresBinDirectory.");
        }
        var version = await RunAsync(PgDump, ["--version"], connectionString: null, cancellationToken);
        await using var command = dataSource.CreateCommand("SELECT current_setting('server_version_num')::int");
        EnsureCanDump(version, (int)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    public Task DumpAsync(string connectionString, string snapshot, string outputFile, CancellationToken cancellationToken) =>
        RunAsync(PgDump, ["--format=custom", $"--snapshot={snapshot}", "--no-owner", "--no-privileges", $"--file={outputFile}", $"--dbname={LibpqDatabase(connectionString)}"],
            connectionString, cancellationToken);

    /// <summary>Reads the dump's table of contents: a truncated or garbled archive fails here.</summary>
    public Task ListAsync(string dumpFile, CancellationToken cancellationToken) =>
        RunAsync(PgRestore, ["--list", dumpFile], connectionString: null, cancellationToken);

    /// <summary>Replaces what the dump holds, all or nothing.</summary>
    public Task RestoreAsync(string connectionString, string dumpFile, CancellationToken cancellationToken) =>
        RunAsync(PgRestore, ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges",
            $"--dbname={LibpqDatabase(connectionString)}", dumpFile], connectionString, cancellationToken);

    /// <summary>A libpq connection string with host, port, user and database; the password goes in the environment.</summary>
    private static string LibpqDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var parts = new List<string>
        {
            $"host={Quote(builder.Host ?? "localhost")}",
            $"port={builder.Port}",
            $"dbname={Quote(builder.Database ?? "postgres")}",
        };
        if (builder.Username is { Length: > 0 } user)
        {
            parts.Add($"user={Quote(user)}");
        }
        if (builder.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull)
        {
            parts.Add($"sslmode={builder.SslMode.ToString().ToLowerInvariant().Replace("verifyca", "verify-ca").Replace("verifyfull", "verify-full")}");
        }
        return string.Join(' ', parts);
    }

    private static string Quote(string value) => $"'{value.Replace("\\", "\\\\").Replace("'", "\\'")}'";

    private static async Task<string> RunAsync(string program, string[] arguments, string? connectionString, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (connectionString is not null && new NpgsqlConnectionStringBuilder(connectionString).Password is { Length: > 0 } password)
        {
            startInfo.Environment["PGPASSWORD"] = password;
        }
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{program} did not start");
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed (exit {process.ExitCode}): {errors.ToString().Trim()}");
        }
        return output.ToString();
    }

    private static string MajorText(int versionNum) => versionNum >= 100000 ? $"{versionNum / 10000}" : $"{versionNum / 10000}.{versionNum / 100 % 100}";

    [GeneratedRegex(@"(\d+)(?:\.(\d+))?")]
    private static partial Regex VersionPattern();
}
