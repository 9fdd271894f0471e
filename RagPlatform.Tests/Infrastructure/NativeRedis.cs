using System.Diagnostics;
using System.Net.Sockets;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>A throwaway redis-server on a free loopback port, without persistence; can be stopped and started to test outages.</summary>
public sealed class NativeRedis : IAsyncDisposable
{
    private Process? _server;

    public int Port { get; } = NativePostgres.FreePort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<NativeRedis> StartAsync()
    {
        var redis = new NativeRedis();
        await redis.StartAgainAsync();
        return redis;
    }

    public async Task StartAgainAsync()
    {
        var startInfo = new ProcessStartInfo("redis-server", $"--bind 127.0.0.1 --port {Port} --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            _server = Process.Start(startInfo)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: apt-get install redis-server", ex);
        }
        _server.OutputDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
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

    public async ValueTask DisposeAsync() => await StopAsync();
}
