namespace RagPlatform.Core.Ingestion;

/// <summary>Jobs due and waiting, jobs running, and how long the oldest due job has waited.</summary>
public sealed record QueueDepth(long Waiting, long Running, TimeSpan Lag);
