using System.Net;
using System.Net.Sockets;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// A TCP endpoint that accepts connections and never says a word: a database that hangs rather than refuses, which
/// a client only notices when its own timeout runs out. The sockets are held open until disposal.
/// </summary>
public sealed class UnresponsiveServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];
    private readonly Task _accepting;

    public UnresponsiveServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections clients have opened so far.</summary>
    public int Accepted
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync();
                lock (_held)
                {
                    _held.Add(socket);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accepting;
        lock (_held)
        {
            _held.ForEach(socket => socket.Dispose());
        }
    }
}
