namespace RagPlatform.Bench.Client;

/// <summary>How the bench's HTTP clients connect: at most <paramref name="MaxConnectionsPerServer"/> connections, each request given up after <paramref name="RequestTimeout"/>.</summary>
/// <param name="PooledConnectionLifetime">How long a connection is reused; a load run keeps its connections for the whole run, so none is opened while measuring.</param>
public sealed record ConnectionLimits(int MaxConnectionsPerServer, TimeSpan RequestTimeout, TimeSpan PooledConnectionLifetime)
{
    /// <summary>A connection per request in flight (uploads or searches at once), renewed every five minutes.</summary>
    public static ConnectionLimits For(int parallelism) =>
        new(Math.Max(1, parallelism), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5));
}
