using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Ingestion;

/// <summary>What <see cref="IngestionQueue.EnqueueAsync"/> did; one of the nested cases, nothing else.</summary>
public abstract record EnqueueOutcome
{
    private EnqueueOutcome()
    {
    }

    /// <summary>The document was written and its job queued.</summary>
    public sealed record Created : EnqueueOutcome;

    /// <summary>
    /// A repeat of a request already carried out under the same idempotency key: nothing was written, and this is what
    /// the first one stored to answer.
    /// </summary>
    public sealed record Replayed(int StatusCode, string ResponseJson) : EnqueueOutcome;

    /// <summary>The idempotency key was used before for a different request: nothing was written.</summary>
    public sealed record KeyReused : EnqueueOutcome;

    /// <summary>The document could not be written as asked (see <see cref="DocumentRefusal"/>): nothing was written.</summary>
    public sealed record Refused(DocumentRefusal Refusal) : EnqueueOutcome;
}
