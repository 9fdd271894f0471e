using RagPlatform.Core.Documents;
using RagPlatform.Core.Extraction;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// A mail's attachments become documents of their own, queued in the mail's collection with metadata
/// <c>attachmentOf</c> = the mail's id, under ids derived from the mail's (<c>{mail}.attachment-{n}</c>). It runs before
/// the mail is indexed, so a crash in between queues them again rather than never: an id already taken is left as is.
/// Attachments of a type the platform does not read are only named in the mail's text.
/// </summary>
public sealed class AttachmentStep(IngestionQueue queue, DocumentStore documents, ILogger<AttachmentStep> logger) : IPipelineStep
{
    public string Name => PipelineSteps.Attachments;

    public async Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        if (ContentTypes.Normalize(job.ContentType) != ContentTypes.Eml)
        {
            return StepResult.Success;
        }
        var mailId = Tenants.DocumentId(job.DocumentId);
        var attachments = EmlTextExtractor.Attachments(job.Content);
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            if (!ContentSniffer.Check(attachment.Content, attachment.ContentType).IsOk)
            {
                logger.LogInformation("Mail {Document}: attachment {FileName} ({ContentType}) is not a readable type; only its name is indexed",
                    job.DocumentId, attachment.FileName, attachment.ContentType);
                continue;
            }
            var id = $"{(mailId.Length > 100 ? mailId[..100] : mailId)}.attachment-{i + 1}";
            var metadata = new Dictionary<string, string>(job.Metadata ?? new Dictionary<string, string>()) { ["attachmentOf"] = mailId };
            await queue.EnqueueAsync(documents.Insert(new DocumentContent(
                Tenants.DocumentKey(job.Tenant, id), job.Tenant, job.Collection, attachment.FileName, attachment.ContentType,
                attachment.FileName, attachment.Content, metadata)), idempotency: null, cancellationToken);
        }
        return StepResult.Success;
    }
}
