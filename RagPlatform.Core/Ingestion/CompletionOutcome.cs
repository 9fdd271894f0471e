namespace RagPlatform.Core.Ingestion;

/// <summary>What <see cref="IngestionQueue.CompleteAsync"/> found; only <see cref="Completed"/> wrote anything.</summary>
public enum CompletionOutcome
{
    /// <summary>The job was still this worker's: it is done and the document's write committed with it.</summary>
    Completed,

    /// <summary>The job is gone: its document was deleted, or replaced or retried (which queue a new job).</summary>
    JobGone,

    /// <summary>The lease ran out and another worker claimed the job: the result is that worker's to write.</summary>
    TakenOver,
}
