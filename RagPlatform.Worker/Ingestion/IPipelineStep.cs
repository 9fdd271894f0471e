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

public static class PipelineSteps
{
    public const string Reuse = "reuse";
    public const string Extract = "extract";
    public const string Attachments = "attachments";
    public const string Chunk = "chunk";
    public const string Embed = "embed";
    public const string Index = "index";
}
