using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using RagPlatform.AppHost.Native;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server from the machine's own installation, in a temporary folder on a
/// free port, for tests that need the real thing; it can be stopped and started again to test
/// outages. Found, initialised and run the way the AppHost's native mode does it
/// (<see cref="PostgresInstallation"/>); fsync is off because the data dies with the test run anyway.
/// </summary>
public sealed class NativePostgres : IAsyncDisposable
{
    private readonly PostgresInstallation _installation;
    private readonly string _root;
    private Process? _server;

    private NativePostgres(PostgresInstallation installation, string root, int port)
    {
        _installation = installation;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    public string ConnectionStringFor(string database) =>
        $"{PostgresInstallation.ConnectionString(Port, database)};Pooling=true;Timeout=5";

    public static async Task<NativePostgres> StartAsync()
    {
        var installation = PostgresInstallation.Find()
            ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql");
        // The temporary folder is root's own (mode 700): the postgres account must be able to pass through it.
        var root = Directory.CreateTempSubdirectory("ragplatform-pg-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        var instance = new NativePostgres(installation, root, TestPorts.Next());
        await installation.InitDbAsync(instance.DataDirectory, noSync: true);
        await instance.StartAgainAsync();
        return instance;
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port and data, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var (command, prefix) = _installation.Launch("postgres");
        var startInfo = new ProcessStartInfo(command,
            [.. prefix, .. PostgresInstallation.ServerArguments(DataDirectory, Port, "fsync=off", "synchronous_commit=off", "full_page_writes=off")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _server = Process.Start(startInfo) ?? throw new InvalidOperationException("postgres did not start");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!await PostgresInstallation.IsReadyAsync(Port))
        {
            if (_server.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"PostgreSQL on port {Port} did not become ready");
            }
            await Task.Delay(100);
        }
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
            // SIGINT is PostgreSQL's "fast shutdown"; the process is the postmaster itself (see PostgresInstallation.Launch).
            using (var kill = Process.Start("kill", $"-INT {_server.Id}"))
            {
                await kill.WaitForExitAsync();
            }
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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
