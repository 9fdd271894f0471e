using Qdrant.Client;

namespace RagPlatform.Core.Indexing;

/// <summary>One node of the cluster as the client sees it: its gRPC client and whether it is taking traffic.</summary>
public sealed class QdrantNode(Uri endpoint, QdrantClient client) : IDisposable
{
    private long _downSinceTicks = -1;

    public Uri Endpoint { get; } = endpoint;

    public QdrantClient Client { get; } = client;

    /// <summary>False from a call failing with Unavailable or a deadline until a probe gets an answer.</summary>
    public bool IsUp => Interlocked.Read(ref _downSinceTicks) < 0;

    /// <summary>True when this call took the node down (so the caller logs it once).</summary>
    internal bool MarkDown(DateTimeOffset now) => Interlocked.CompareExchange(ref _downSinceTicks, now.UtcTicks, -1) < 0;

    /// <summary>True when this call brought the node back.</summary>
    internal bool MarkUp() => Interlocked.Exchange(ref _downSinceTicks, -1) >= 0;

    public override string ToString() => Endpoint.ToString();

    public void Dispose() => Client.Dispose();
}
