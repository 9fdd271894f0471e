namespace RagPlatform.AppHost.Infrastructure;

/// <summary>Where PostgreSQL, Redis and the vector index come from.</summary>
public enum InfrastructureMode
{
    /// <summary>Containers if a container runtime answers, otherwise native.</summary>
    Auto,

    /// <summary>PostgreSQL, Redis and a Qdrant cluster as containers.</summary>
    Containers,

    /// <summary>The machine's own PostgreSQL and redis-server as executables; no container at all.</summary>
    Native,
}
