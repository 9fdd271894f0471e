using Npgsql;

namespace RagPlatform.Core.Storage;

/// <summary>Appends to the index change log and wakes the listeners, inside the caller's transaction.</summary>
public static class IndexChangeLog
{
    private const long AppendLockKey = 0x5241_4750_4C4F_4700; // "RAGPLOG"

    public static async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string documentId, IndexOperation operation, CancellationToken cancellationToken)
    {
        // Held to commit: serialises appenders so seq order is commit order (see the table's comment).
        // Take it last in a transaction to keep the serialised part short.
        await using var command = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock(@lock);
            INSERT INTO index_changes (document_id, operation) VALUES (@document, @operation);
            NOTIFY {NotificationChannels.IndexChanges};
            """, connection, transaction);
        command.Parameters.AddWithValue("lock", AppendLockKey);
        command.Parameters.AddWithValue("document", documentId);
        command.Parameters.AddWithValue("operation", operation == IndexOperation.Upsert ? "upsert" : "delete");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public enum IndexOperation
{
    Upsert,
    Delete,
}
