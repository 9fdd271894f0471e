using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server from the machine's own installation, in a temporary folder on a
/// free port, for tests that need the real thing; it can be stopped and started again to test
/// outages. Run as the postgres user when the tests run as root (PostgreSQL refuses root); fsync
/// is off because the data dies with the test run anyway.
/// </summary>
public sealed class NativePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dataDirectory;
    private readonly bool _asRoot = Environment.UserName == "root";
    private Process? _server;

    private NativePostgres(string bin, string dataDirectory, int port)
    {
        _bin = bin;
        _dataDirectory = dataDirectory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5";

    public static async Task<NativePostgres> StartAsync()
    {
        var bin = FindBinDirectory();
        var root = Directory.CreateTempSubdirectory("ragplatform-pg-").FullName;
        var data = Path.Combine(root, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres:postgres {root}");
            Run("chmod", $"755 {root}");
        }

        var initdb = $"{Path.Combine(bin, "initdb")} -D {data} -U postgres -A trust -E UTF8 --no-sync";
        if (asRoot)
        {
            Run("runuser", $"-u postgres -- {initdb}");
        }
        else
        {
            Run("sh", $"-c \"{initdb}\"");
        }

        var instance = new NativePostgres(bin, root, FreePort());
        await instance.StartAgainAsync();
        return instance;
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port and data, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var startInfo = new ProcessStartInfo(_asRoot ? "runuser" : Path.Combine(_bin, "postgres"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var data = Path.Combine(_dataDirectory, "data");
        var serverArgs = $"-D {data} -p {Port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        startInfo.Arguments = _asRoot ? $"-u postgres -- {Path.Combine(_bin, "postgres")} {serverArgs}" : serverArgs;
        _server = Process.Start(startInfo) ?? throw new InvalidOperationException("postgres did not start");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitUntilReadyAsync(_server);
    }

    /// <summary>Fast shutdown, as an operator's restart does: open connections are cut, committed data stays.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }
        if (!_server.HasExited)
        {
            // SIGINT to the postmaster itself is PostgreSQL's "fast shutdown". Not to runuser: it
            // answers a signal with SIGTERM (a "smart" shutdown that waits for every client) and,
            // two seconds later, SIGKILL.
            Run("kill", $"-INT {PostmasterPid() ?? _server.Id}");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _server.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _server.Kill(entireProcessTree: true);
            }
        }
        _server.Dispose();
        _server = null;
    }

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    private int? PostmasterPid()
    {
        try
        {
            var firstLine = File.ReadLines(Path.Combine(_dataDirectory, "data", "postmaster.pid")).FirstOrDefault();
            return int.TryParse(firstLine, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task WaitUntilReadyAsync(Process server)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
                await connection.OpenAsync();
                return;
            }
            catch (Exception) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Run(string file, string arguments)
    {
        var startInfo = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(startInfo)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {error.Result}");
        }
    }

    private static string FindBinDirectory()
    {
        try
        {
            var startInfo = new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true };
            using var process = Process.Start(startInfo)!;
            var bin = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (File.Exists(Path.Combine(bin, "initdb")))
            {
                return bin;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
