using Npgsql;

namespace RagPlatform.Core.Storage;

/// <summary>Appends to the index change log and wakes the listeners, inside the caller's transaction.</summary>
public static class IndexChangeLog
{
    private const long AppendLockKey = 0x5241_4750_4C4F_4700; // "RAGPLOG"

    /// <returns>The change's sequence number.</returns>
    public static async Task<long> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string documentId, IndexOperation operation, CancellationToken cancellationToken)
    {
        // Held to commit: serialises appenders so seq order is commit order (see the table's comment).
        // Take it last in a transaction to keep the serialised part short.
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@lock)") { Parameters = { new("lock", AppendLockKey) } },
                new NpgsqlBatchCommand("INSERT INTO index_changes (document_id, operation) VALUES (@document, @operation) RETURNING seq")
                {
                    Parameters = { new("document", documentId), new("operation", operation == IndexOperation.Upsert ? "upsert" : "delete") },
                },
                new NpgsqlBatchCommand($"NOTIFY {NotificationChannels.IndexChanges}"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(0);
    }
}

public enum IndexOperation
{
    Upsert,
    Delete,
}
