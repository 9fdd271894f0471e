namespace RagPlatform.Worker.Ingestion;

/// <summary>What the queue does after a step: go on, try again later, or set the document aside as failed.</summary>
public enum StepOutcome
{
    Success,
    TransientError,
    FatalError,

    /// <summary>A dependency's breaker is open: try later, without spending one of the document's attempts.</summary>
    Deferred,

    /// <summary>The job is no longer this worker's (deleted, replaced or taken over): drop the attempt, report nothing.</summary>
    JobLost,
}

/// <param name="Error">What went wrong, for the document's status.</param>
/// <param name="Reason">A short stable code for metrics (failures by reason), never free text.</param>
public readonly record struct StepResult(StepOutcome Outcome, string? Error = null, string? Reason = null)
{
    public static StepResult Success { get; } = new(StepOutcome.Success);

    public static StepResult Transient(string error, string reason) => new(StepOutcome.TransientError, error, reason);

    public static StepResult Fatal(string error, string reason) => new(StepOutcome.FatalError, error, reason);

    public static StepResult Deferred(string error, string reason) => new(StepOutcome.Deferred, error, reason);

    public static StepResult Lost(string error) => new(StepOutcome.JobLost, error);
}

/// <summary>The reasons failures are counted by.</summary>
public static class FailureReasons
{
    public const string NoText = "no_text";
    public const string Unreadable = "unreadable";
    public const string UnsupportedType = "unsupported_type";
    public const string EmbeddingMismatch = "embedding_mismatch";
    public const string EmbeddingTimeout = "embedding_timeout";
    public const string OcrUnavailable = "ocr_unavailable";
    public const string CircuitOpen = "circuit_open";
}
