using Npgsql;

namespace RagPlatform.Core.Storage;

/// <summary>
/// Durable checkpoints of the projections of index_changes (table index_projections): how far each one has
/// applied the log. A projection without a row has applied nothing and starts from the beginning.
/// </summary>
public static class ProjectionCheckpoints
{
    /// <summary>The name of the Qdrant projection's checkpoint.</summary>
    public const string Qdrant = "qdrant";

    public static async Task<long> ReadAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT applied_seq FROM index_projections WHERE name = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is long applied ? applied : 0;
    }

    /// <summary>
    /// Records that <paramref name="name"/> has applied the log up to <paramref name="sequence"/> and wakes its
    /// followers. Only forward: a checkpoint never moves back, whoever writes late.
    /// </summary>
    public static async Task AdvanceAsync(NpgsqlConnection connection, string name, long sequence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    INSERT INTO index_projections (name, applied_seq, updated_at) VALUES (@name, @seq, @now)
                    ON CONFLICT (name) DO UPDATE SET applied_seq = excluded.applied_seq, updated_at = excluded.updated_at
                    WHERE index_projections.applied_seq < excluded.applied_seq
                    """)
                {
                    Parameters = { new("name", name), new("seq", sequence), new("now", now) },
                },
                new NpgsqlBatchCommand($"SELECT pg_notify('{NotificationChannels.IndexProjections}', @name)") { Parameters = { new("name", name) } },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
