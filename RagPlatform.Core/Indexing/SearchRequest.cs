using RagPlatform.Core.Tenancy;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// One hybrid query: <paramref name="Text"/> feeds BM25, <paramref name="Embedding"/> (normalised) the dense side.
/// <paramref name="Filter"/> restricts it to chunks of documents with matching metadata, before ranking;
/// <paramref name="MinScore"/> drops hits whose normalised fused score (see <see cref="SearchHit.Score"/>) is lower.
/// Only <paramref name="Tenant"/>'s chunks are searched; <paramref name="Collection"/> narrows that to one of its collections.
/// </summary>
public sealed record SearchRequest(
    string Text,
    ReadOnlyMemory<float> Embedding,
    int TopK,
    string? Collection = null,
    MetadataFilter? Filter = null,
    double MinScore = 0,
    string Tenant = Tenants.Default);
