namespace RagPlatform.AppHost.Native;

/// <summary>The machine's own redis-server.</summary>
public sealed class NativeRedisResource(string name, string command, NativeProcessLayout layout, int port)
    : NativeServerResource(name, command, layout, port), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"127.0.0.1:{PortText}");

    internal string ConnectionString => ConnectionStringExpression.ValueExpression;
}
