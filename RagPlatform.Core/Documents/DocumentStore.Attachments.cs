using Npgsql;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Core.Documents;

/// <summary>The documents made of a mail's attachments (metadata <c>attachmentOf</c> = the mail's id), kept in step with the mail.</summary>
public sealed partial class DocumentStore
{
    /// <summary>
    /// An attachment's document, queued: a new one, or new content for one a previous version of the mail left under the
    /// same id. Refused (<see cref="DocumentRefusal.AlreadyExists"/>) when it already holds exactly this content,
    /// collection and metadata: a mail ingested again (a retry, a lease takeover) does not queue its attachments again.
    /// </summary>
    public DocumentWrite Attachment(DocumentContent document) => new(document.Key, async (transaction, cancellationToken) =>
    {
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO documents (id, tenant, collection, title, content_type, file_name, content, content_hash, metadata, status, created_at, updated_at)
            VALUES (@id, @tenant, @collection, @title, @contentType, @fileName, @content, @hash, @metadata, 'queued', @now, @now)
            ON CONFLICT (id) DO UPDATE
            SET collection = excluded.collection, title = excluded.title, content_type = excluded.content_type,
                file_name = excluded.file_name, content = excluded.content, content_hash = excluded.content_hash,
                metadata = excluded.metadata, status = 'queued', error = NULL, current_step = NULL, attempts = 0,
                version = documents.version + 1, updated_at = excluded.updated_at
            WHERE (documents.content_hash, documents.collection, documents.metadata)
                IS DISTINCT FROM (excluded.content_hash, excluded.collection, excluded.metadata)
            """, transaction.Connection, transaction);
        upsert.Parameters.AddWithValue("tenant", document.Tenant);
        AddContent(upsert, document);
        return await upsert.ExecuteNonQueryAsync(cancellationToken) == 1 ? null : DocumentRefusal.AlreadyExists;
    });

    /// <summary>
    /// Deletes the attachment documents of mail <paramref name="mailKey"/> other than <paramref name="keep"/> (those the
    /// mail's current version still has), each with a delete in the index change log, in one transaction: replacing a
    /// mail leaves none of the old one's attachments searchable. Returns the last change's sequence, or null when none went.
    /// </summary>
    public async Task<long?> DeleteAttachmentsAsync(string mailKey, string tenant, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            DELETE FROM documents
            WHERE tenant = @tenant AND metadata ? 'attachmentOf' AND metadata ->> 'attachmentOf' = @client_id AND NOT (id = ANY(@keep))
            RETURNING id
            """, connection, transaction);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("client_id", Tenants.DocumentId(mailKey));
        command.Parameters.AddWithValue("keep", keep.ToArray());
        return await CommitDeletesAsync(command, cancellationToken);
    }
}
