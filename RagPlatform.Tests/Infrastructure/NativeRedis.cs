using System.Diagnostics;
using RagPlatform.AppHost.Native;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// A throwaway redis-server on a free loopback port, without persistence, run the way the AppHost's native mode runs it
/// (<see cref="RedisInstallation"/>); can be stopped and started to test outages.
/// </summary>
public sealed class NativeRedis : IAsyncDisposable
{
    private Process? _server;

    public int Port { get; } = TestPorts.Next();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<NativeRedis> StartAsync()
    {
        var redis = new NativeRedis();
        await redis.StartAgainAsync();
        return redis;
    }

    public async Task StartAgainAsync()
    {
        var server = RedisInstallation.Find() ?? throw new InvalidOperationException("redis-server is not installed: apt-get install redis-server");
        var startInfo = new ProcessStartInfo(server, RedisInstallation.ServerArguments(Port, "--save", "", "--appendonly", "no"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _server = Process.Start(startInfo)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (!await RedisInstallation.IsReadyAsync(Port))
        {
            if (_server.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not become ready");
            }
            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
        _server?.Dispose();
        _server = null;
    }

    /// <summary>
    /// Freezes the server (SIGSTOP): connections stay open and nothing answers, as when its host hangs or the network
    /// drops packets, which a client notices only by timing out (a killed server's connections close at once).
    /// </summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        if (_server is { HasExited: false } server)
        {
            using var kill = Process.Start("kill", $"-{signal} {server.Id}");
            await kill.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ThawAsync();
        await StopAsync();
    }
}
