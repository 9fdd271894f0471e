using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Where and how <see cref="QdrantSearchIndex"/> keeps chunks; bound from the "Qdrant" configuration section and
/// checked at start by <see cref="QdrantIndexOptionsValidator"/>.
/// </summary>
public sealed class QdrantIndexOptions
{
    public const string SectionName = "Qdrant";

    /// <summary>One node's gRPC endpoint, e.g. http://qdrant0:6334: the single-node setting, kept for compatibility.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Every node's gRPC endpoint, comma-separated (http://qdrant0:6334,http://qdrant1:6334,...). Reads and writes
    /// are spread across them and fail over between them; <see cref="Endpoint"/>, when also set, is one more node.
    /// </summary>
    public string? Endpoints { get; set; }

    /// <summary>
    /// Every node's REST endpoint (port 6333), comma-separated, in any order: the cluster health check reads
    /// <c>/cluster</c> there. When unset, each gRPC endpoint's port minus one (Qdrant's 6334 and 6333).
    /// </summary>
    public string? HttpEndpoints { get; set; }

    public string? ApiKey { get; set; }

    [Required]
    public string CollectionName { get; set; } = "chunks";

    /// <summary>
    /// Copies of each shard. Unset: two when there are at least two nodes (one node can be lost without losing data
    /// or search), else one. An existing collection with fewer is raised to it at start.
    /// </summary>
    [Range(1, 16)]
    public uint? ReplicationFactor { get; set; }

    /// <summary>A write returns once this many replicas have it; the others catch up, which keeps writes fast.</summary>
    [Range(1, 16)]
    public uint WriteConsistencyFactor { get; set; } = 1;

    /// <summary>Shards of a new collection. Unset: one per node, so every node carries data.</summary>
    [Range(1, 1024)]
    public uint? ShardNumber { get; set; }

    /// <summary>How often a node marked down is probed; once it answers it takes traffic again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The k of Qdrant's RRF, the same as the embedded index's so both backends rank alike. Null sends plain
    /// <c>Fusion.Rrf</c> (the server's own k), for servers that predate parameterised RRF.
    /// </summary>
    [Range(1, 10_000)]
    public int? RrfK { get; set; } = ReciprocalRankFusion.DefaultK;

    /// <summary>Must match the embedding model (all-MiniLM-L6-v2: 384).</summary>
    [Range(1, 65536)]
    public int Dimension { get; set; } = 384;

    /// <summary>Intercept of <see cref="TermCoverageRelevance"/>'s logistic regression (fitted: docs/benchmarks.md).</summary>
    public double RelevanceIntercept { get; set; } = -9.920;

    /// <summary>Coefficient of a hit's raw cosine with the query.</summary>
    public double RelevanceCosineWeight { get; set; } = 2.545;

    /// <summary>Coefficient of the share of the query's terms the hit holds.</summary>
    public double RelevanceCoverageWeight { get; set; } = 2.005;

    /// <summary>Coefficient of the hit's normalised RRF score.</summary>
    public double RelevanceFusedWeight { get; set; } = 7.429;

    /// <summary>Every node's gRPC endpoint: <see cref="Endpoints"/> then <see cref="Endpoint"/>, without repeats.</summary>
    public IReadOnlyList<Uri> GrpcNodes => [.. ParseList(Endpoints).Concat(Endpoint is null ? [] : [Endpoint]).Distinct()];

    /// <summary>Every node's REST endpoint (see <see cref="HttpEndpoints"/>).</summary>
    public IReadOnlyList<Uri> HttpNodes => HttpEndpoints is { Length: > 0 }
        ? ParseList(HttpEndpoints)
        : [.. GrpcNodes.Select(grpc => new UriBuilder(grpc) { Port = grpc.Port - 1 }.Uri)];

    public uint EffectiveReplicationFactor => ReplicationFactor ?? (GrpcNodes.Count >= 2 ? 2u : 1u);

    public uint EffectiveShardNumber => ShardNumber ?? (uint)Math.Max(1, GrpcNodes.Count);

    /// <summary>The absolute URIs in a comma-separated list; anything else is left to the validator to name.</summary>
    private static List<Uri> ParseList(string? list) =>
    [
        .. (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => Uri.TryCreate(entry, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>(),
    ];

    internal static IEnumerable<string> InvalidEntries(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(entry => !Uri.TryCreate(entry, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"));
}
