namespace RagPlatform.Worker.Ingestion;

/// <summary>What the queue does after a step: go on, try again later, or set the document aside as failed.</summary>
public enum StepOutcome
{
    Success,
    TransientError,
    FatalError,
}

public readonly record struct StepResult(StepOutcome Outcome, string? Error = null)
{
    public static StepResult Success { get; } = new(StepOutcome.Success);

    public static StepResult Transient(string error) => new(StepOutcome.TransientError, error);

    public static StepResult Fatal(string error) => new(StepOutcome.FatalError, error);
}
