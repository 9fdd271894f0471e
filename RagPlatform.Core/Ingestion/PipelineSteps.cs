namespace RagPlatform.Core.Ingestion;

/// <summary>
/// The worker's ingestion steps by name, in order: what a document's <c>step</c> reports while it is processed (the API
/// also reports <see cref="Index"/> for a document its own index has not applied yet).
/// </summary>
public static class PipelineSteps
{
    public const string Reuse = "reuse";
    public const string Extract = "extract";
    public const string Attachments = "attachments";
    public const string Chunk = "chunk";
    public const string Embed = "embed";
    public const string Index = "index";
}
