using System.Globalization;

namespace RagPlatform.AppHost.Native;

/// <summary>
/// A server from the machine's own installation, run by the orchestrator as an executable on a fixed,
/// unproxied port, and stopped by the AppHost itself through its pid file.
/// </summary>
public abstract class NativeServerResource(string name, string command, NativeProcessLayout layout, int port)
    : ExecutableResource(name, command, layout.DataDirectory)
{
    internal const string EndpointName = "tcp";

    public NativeProcessLayout Layout { get; } = layout;

    public int Port { get; } = port;

    /// <summary>The port as connection strings write it; fixed, so known before anything starts.</summary>
    protected string PortText => Port.ToString(CultureInfo.InvariantCulture);
}
