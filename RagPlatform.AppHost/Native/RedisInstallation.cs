using System.Globalization;
using System.Net.Sockets;

namespace RagPlatform.AppHost.Native;

/// <summary>
/// The machine's redis-server and how this repository runs it, for the AppHost's native mode and the tests'
/// throwaway servers alike.
/// </summary>
public static class RedisInstallation
{
    /// <summary>redis-server on the PATH, or null.</summary>
    public static string? Find() => (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "redis-server"))
        .FirstOrDefault(File.Exists);

    /// <summary>The server's arguments: 127.0.0.1:<paramref name="port"/> only, in the foreground, then <paramref name="settings"/>.</summary>
    public static string[] ServerArguments(int port, params string[] settings) =>
        ["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--daemonize", "no", .. settings];

    /// <summary>Whether the server on <paramref name="port"/> answers PING ("running" only means the process started).</summary>
    public static async Task<bool> IsReadyAsync(int port, CancellationToken ct = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, ct);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), ct);
            var reply = new byte[7];
            var read = await stream.ReadAsync(reply, ct);
            return read >= 5 && reply.AsSpan(0, 5).SequenceEqual("+PONG"u8);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }
}
