using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Indexing;

/// <summary>Where and how <see cref="QdrantSearchIndex"/> keeps chunks; bound from the "Qdrant" configuration section.</summary>
public sealed class QdrantIndexOptions
{
    public const string SectionName = "Qdrant";

    /// <summary>The gRPC endpoint, e.g. http://qdrant0:6334.</summary>
    [Required]
    public Uri? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    [Required]
    public string CollectionName { get; set; } = "chunks";

    /// <summary>Two copies of each shard, so losing one node loses no data and keeps search up.</summary>
    [Range(1, 16)]
    public uint ReplicationFactor { get; set; } = 2;

    /// <summary>A write returns once one replica has it; the others catch up, which keeps writes fast.</summary>
    [Range(1, 16)]
    public uint WriteConsistencyFactor { get; set; } = 1;

    [Range(1, 1024)]
    public uint ShardNumber { get; set; } = 1;

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
}
