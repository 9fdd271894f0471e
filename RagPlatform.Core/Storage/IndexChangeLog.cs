using Npgsql;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Core.Storage;

/// <summary>
/// The index change log: the only way into any index. Writers append inside their own transaction
/// (and wake the listeners); projections read it in sequence order.
/// </summary>
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

    /// <summary>Up to <paramref name="limit"/> changes after <paramref name="after"/>, oldest first.</summary>
    public static async Task<List<IndexChange>> ReadAfterAsync(NpgsqlConnection connection, long after, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT seq, document_id, operation = 'delete' FROM index_changes WHERE seq > @after ORDER BY seq LIMIT @limit", connection);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", limit);
        var changes = new List<IndexChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new IndexChange(reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2)));
        }
        return changes;
    }

    /// <summary>The newest sequence in the log (0 when empty), on the caller's connection and transaction.</summary>
    public static async Task<long> LatestAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM index_changes", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The sequence of the newest change to one document, or null if it never had one.</summary>
    public static async Task<long?> LatestForAsync(NpgsqlConnection connection, string documentId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT max(seq) FROM index_changes WHERE document_id = @document", connection);
        command.Parameters.AddWithValue("document", documentId);
        return await command.ExecuteScalarAsync(cancellationToken) is long sequence ? sequence : null;
    }
}

public enum IndexOperation
{
    Upsert,
    Delete,
}
