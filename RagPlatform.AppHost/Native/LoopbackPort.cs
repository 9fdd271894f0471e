using System.Net;
using System.Net.Sockets;

namespace RagPlatform.AppHost.Native;

public static class LoopbackPort
{
    /// <summary>Whether a server could listen on 127.0.0.1:<paramref name="port"/> now (nothing else holds it).</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
