using RagPlatform.Core.Documents;
using RagPlatform.Core.Extraction;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// A mail's attachments become documents of their own, queued in the mail's collection with metadata
/// <c>attachmentOf</c> = the mail's id, under ids derived from the mail's (<c>{mail}.attachment-{n}</c>). It runs before
/// the mail is indexed, so a crash in between queues them again rather than never; an attachment already stored with the
/// same content is left as is. The attachments of an earlier version of the document that this one no longer has (a
/// mail replaced by PUT, or replaced by something other than a mail) are deleted, so none is left searchable.
/// Attachments of a type the platform does not read are only named in the mail's text.
/// </summary>
public sealed class AttachmentStep(IngestionQueue queue, DocumentStore documents, ILogger<AttachmentStep> logger) : IPipelineStep
{
    public string Name => PipelineSteps.Attachments;

    public async Task<StepResult> ExecuteAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var job = context.Job;
        var current = ContentTypes.Normalize(job.ContentType) == ContentTypes.Eml ? await QueueAsync(job, cancellationToken) : [];
        var removed = await documents.DeleteAttachmentsAsync(job.DocumentId, job.Tenant, current, cancellationToken);
        if (removed is not null)
        {
            logger.LogInformation("Document {Document}: the attachments its previous version had and this one has not were deleted", job.DocumentId);
        }
        return StepResult.Success;
    }

    /// <summary>Queues each readable attachment as its own document; the keys of those the mail has.</summary>
    private async Task<List<string>> QueueAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        var mailId = Tenants.DocumentId(job.DocumentId);
        var attachments = EmlTextExtractor.Attachments(job.Content);
        var keys = new List<string>(attachments.Count);
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
            var key = Tenants.DocumentKey(job.Tenant, id);
            keys.Add(key);
            await queue.EnqueueAsync(documents.Attachment(new DocumentContent(
                key, job.Tenant, job.Collection, attachment.FileName, attachment.ContentType,
                attachment.FileName, attachment.Content, metadata)), idempotency: null, cancellationToken);
        }
        return keys;
    }
}
