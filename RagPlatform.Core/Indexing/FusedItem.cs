namespace RagPlatform.Core.Indexing;

/// <summary>One item of a fused ranking: its fused score (RRF or convex) and the retrievers whose lists held it.</summary>
public readonly record struct FusedItem<TKey>(TKey Item, double Score, Retrievers FoundBy);
