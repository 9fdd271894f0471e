namespace RagPlatform.AppHost.Native;

/// <summary>The machine's own PostgreSQL server.</summary>
public sealed class NativePostgresServerResource(string name, string command, NativeProcessLayout layout, int port)
    : NativeServerResource(name, command, layout, port), IResourceWithConnectionString
{
    /// <summary>Trust authentication on 127.0.0.1 only: no password to keep in step with the data folder.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={PortText};Username=postgres");

    internal string ConnectionString(string database) => $"{ConnectionStringExpression.ValueExpression};Database={database}";
}
