namespace RagPlatform.Core.Indexing;

/// <summary>A sparse vector as Qdrant takes it: term indices in ascending order, with their values.</summary>
public sealed record SparseTermVector(uint[] Indices, float[] Values);
