namespace RagPlatform.Core.Indexing;

/// <summary>One retriever's results, best first, as input to <see cref="ReciprocalRankFusion"/>.</summary>
public sealed record RankedList<TKey>(Retrievers Retriever, IReadOnlyList<TKey> Items, double Weight = 1.0);
