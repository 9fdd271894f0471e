namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// One step of ingestion. Steps run in order on one <see cref="IngestionContext"/>; each must be
/// idempotent, because a job interrupted anywhere is run again from the start.
/// </summary>
public interface IPipelineStep
{
    string Name { get; }

    Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken);
}
