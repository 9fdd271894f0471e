using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Tests.Indexing;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Projection;

/// <summary>
/// A migrated PostgreSQL database written the way the platform's writers write it: a document's chunks and its
/// change-log entry in one transaction. Each upsert gives the document new chunk ids, so an index holding an older
/// version of a document differs from PostgreSQL by id.
/// </summary>
public sealed class ChangeLogDatabase : IAsyncDisposable
{
    private NativePostgres _postgres = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public string ConnectionString => _postgres.ConnectionStringFor("projection");

    public static async Task<ChangeLogDatabase> StartAsync()
    {
        var database = new ChangeLogDatabase { _postgres = await NativePostgres.StartAsync() };
        await database._postgres.CreateDatabaseAsync("projection");
        database.DataSource = NpgsqlDataSource.Create(database._postgres.ConnectionStringFor("projection"));
        await new SchemaMigrator(database.DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return database;
    }

    public static string Key(string id) => $"t/{id}";

    /// <summary>Stores <paramref name="chunks"/> new chunks for the document (created or replaced) and appends its upsert.</summary>
    public async Task<long> UpsertAsync(string id, int chunks = 2)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var document = new NpgsqlCommand("""
            INSERT INTO documents (id, tenant, collection, content_type, content, content_hash, status, chunk_count, created_at, updated_at)
            VALUES (@id, 't', 'default', 'text/plain', '\x00'::bytea, '\x00'::bytea, 'indexed', @count, now(), now())
            ON CONFLICT (id) DO UPDATE SET chunk_count = @count, version = documents.version + 1;
            DELETE FROM chunks WHERE document_id = @id;
            """, connection, transaction))
        {
            document.Parameters.AddWithValue("id", Key(id));
            document.Parameters.AddWithValue("count", chunks);
            await document.ExecuteNonQueryAsync();
        }
        for (var ordinal = 0; ordinal < chunks; ordinal++)
        {
            await using var chunk = new NpgsqlCommand("""
                INSERT INTO chunks (id, document_id, ordinal, text, start_offset, end_offset, token_count, embedding)
                VALUES (@chunk, @id, @ordinal, @text, 0, 10, 3, @embedding)
                """, connection, transaction);
            chunk.Parameters.AddWithValue("chunk", Guid.NewGuid());
            chunk.Parameters.AddWithValue("id", Key(id));
            chunk.Parameters.AddWithValue("ordinal", ordinal);
            chunk.Parameters.AddWithValue("text", $"{TestChunks.Sentences[ordinal % TestChunks.Sentences.Length]} {id}");
            chunk.Parameters.AddWithValue("embedding", TestChunks.Vector(ordinal + id.Length));
            await chunk.ExecuteNonQueryAsync();
        }
        var sequence = await IndexChangeLog.AppendAsync(connection, transaction, Key(id), IndexOperation.Upsert, CancellationToken.None);
        await transaction.CommitAsync();
        return sequence;
    }

    /// <summary>Deletes the document (its chunks go with it) and appends its delete.</summary>
    public async Task<long> DeleteAsync(string id)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var delete = new NpgsqlCommand("DELETE FROM documents WHERE id = @id", connection, transaction))
        {
            delete.Parameters.AddWithValue("id", Key(id));
            await delete.ExecuteNonQueryAsync();
        }
        var sequence = await IndexChangeLog.AppendAsync(connection, transaction, Key(id), IndexOperation.Delete, CancellationToken.None);
        await transaction.CommitAsync();
        return sequence;
    }

    /// <summary>Every chunk PostgreSQL holds: what a projection that applied the whole log must hold too.</summary>
    public async Task<HashSet<IndexedChunkId>> ChunkIdsAsync()
    {
        var ids = new HashSet<IndexedChunkId>();
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT document_id, id FROM chunks", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(new IndexedChunkId(reader.GetString(0), reader.GetGuid(1)));
        }
        return ids;
    }

    public async Task<long> LatestSequenceAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await IndexChangeLog.LatestAsync(connection, null, CancellationToken.None);
    }

    public async Task<long> CheckpointAsync(string name)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await ProjectionCheckpoints.ReadAsync(connection, name, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
