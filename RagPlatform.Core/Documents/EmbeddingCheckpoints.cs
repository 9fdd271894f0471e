using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Documents;

/// <summary>
/// The one owner of <c>embedding_checkpoints</c> and <c>embedding_progress</c>: the vectors a job has embedded so far,
/// saved batch by batch, so that a retry, a lease takeover or a restart embeds only what is left. The index step's
/// transaction (<see cref="DocumentStore.Indexed"/>) removes them once the vectors are in <c>chunks</c>.
/// </summary>
public sealed class EmbeddingCheckpoints(GuardedDatabase database, TimeProvider time)
{
    /// <summary>The vectors saved for the document, by chunk ordinal, each with the hash of the input it was embedded from.</summary>
    public Task<IReadOnlyDictionary<int, SavedVector>> LoadAsync(string key, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<int, SavedVector>>(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT ordinal, input_hash, embedding FROM embedding_checkpoints WHERE document_id = @id", connection);
            command.Parameters.AddWithValue("id", key);
            var saved = new Dictionary<int, SavedVector>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                saved[reader.GetInt32(0)] = new SavedVector(reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<float[]>(2));
            }
            return saved;
        }, cancellationToken);

    /// <summary>An attempt starts embedding <paramref name="chunkCount"/> chunks, <paramref name="alreadyEmbedded"/> of them found saved.</summary>
    public async Task StartAsync(string key, int chunkCount, int alreadyEmbedded, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO embedding_progress (document_id, chunk_count, chunks_embedded, resumed_from, started_at, updated_at)
            VALUES (@id, @count, @done, @done, @now, @now)
            ON CONFLICT (document_id) DO UPDATE
            SET chunk_count = @count, chunks_embedded = @done, resumed_from = @done, started_at = @now, updated_at = @now
            """, connection);
        command.Parameters.AddWithValue("id", key);
        command.Parameters.AddWithValue("count", chunkCount);
        command.Parameters.AddWithValue("done", alreadyEmbedded);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// One embedded batch saved with the progress it makes, in one transaction and one round trip: progress never
    /// counts a vector that is not saved.
    /// </summary>
    public async Task SaveAsync(string key, IReadOnlyList<CheckpointedVector> vectors, int chunksEmbedded, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var vector in vectors)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO embedding_checkpoints (document_id, ordinal, input_hash, embedding) VALUES (@id, @ordinal, @hash, @embedding)
                ON CONFLICT (document_id, ordinal) DO UPDATE SET input_hash = excluded.input_hash, embedding = excluded.embedding
                """);
            insert.Parameters.AddWithValue("id", key);
            insert.Parameters.AddWithValue("ordinal", vector.Ordinal);
            insert.Parameters.AddWithValue("hash", vector.InputHash);
            insert.Parameters.AddWithValue("embedding", NpgsqlDbType.Array | NpgsqlDbType.Real, vector.Embedding.ToArray());
            batch.BatchCommands.Add(insert);
        }
        var progress = new NpgsqlBatchCommand(
            "UPDATE embedding_progress SET chunks_embedded = @done, updated_at = @now WHERE document_id = @id");
        progress.Parameters.AddWithValue("id", key);
        progress.Parameters.AddWithValue("done", chunksEmbedded);
        progress.Parameters.AddWithValue("now", time.GetUtcNow());
        batch.BatchCommands.Add(progress);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The document's embedding progress, or null when no attempt has embedded it since it was last indexed.</summary>
    internal static async Task<EmbeddingProgress?> ReadProgressAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT chunk_count, chunks_embedded, resumed_from, started_at, updated_at FROM embedding_progress WHERE document_id = @id", connection);
        command.Parameters.AddWithValue("id", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new EmbeddingProgress(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4))
            : null;
    }

    /// <summary>Inside the index step's transaction: the vectors are in <c>chunks</c> now, so the checkpoints go.</summary>
    internal static async Task DeleteAsync(NpgsqlTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("DELETE FROM embedding_checkpoints WHERE document_id = @id") { Parameters = { new("id", key) } },
                new NpgsqlBatchCommand("DELETE FROM embedding_progress WHERE document_id = @id") { Parameters = { new("id", key) } },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A saved vector and the SHA-256 of the input it was embedded from.</summary>
public sealed record SavedVector(byte[] InputHash, float[] Embedding);

/// <summary>A vector to save: the chunk it belongs to, the hash of its input, the vector.</summary>
public readonly record struct CheckpointedVector(int Ordinal, byte[] InputHash, ReadOnlyMemory<float> Embedding);
