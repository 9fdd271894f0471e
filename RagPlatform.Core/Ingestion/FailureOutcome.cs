namespace RagPlatform.Core.Ingestion;

/// <summary>What <see cref="IngestionQueue.FailAsync"/> and <see cref="IngestionQueue.DeferAsync"/> did with a job.</summary>
public enum FailureOutcome
{
    /// <summary>Queued again, after a backoff.</summary>
    WillRetry,

    /// <summary>The document is failed for good: the error was permanent or its attempts are spent.</summary>
    GaveUp,

    /// <summary>The job was no longer this worker's (deleted, replaced or taken over): nothing was written.</summary>
    JobLost,
}
