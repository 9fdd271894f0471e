using System.Text;
using Npgsql;

namespace RagPlatform.Tests.Backups;

/// <summary>What a user's documents are in PostgreSQL: each document's bytes and version, each chunk's id, text and vector.</summary>
internal static class DatabaseContents
{
    public static async Task<List<string>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var rows = new List<string>();
        await using (var documents = new NpgsqlCommand(
            "SELECT id, encode(content, 'base64'), encode(content_hash, 'hex'), version, status, chunk_count FROM documents ORDER BY id", connection))
        await using (var reader = await documents.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add($"document {reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} v{reader.GetInt32(3)} {reader.GetString(4)} {reader.GetInt32(5)}");
            }
        }
        await using (var chunks = new NpgsqlCommand("SELECT id, document_id, ordinal, text, embedding FROM chunks ORDER BY id", connection))
        await using (var reader = await chunks.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var vector = reader.GetFieldValue<float[]>(4);
                var bytes = new byte[vector.Length * sizeof(float)];
                Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
                rows.Add($"chunk {reader.GetGuid(0)} {reader.GetString(1)} {reader.GetInt32(2)} {Convert.ToBase64String(Encoding.UTF8.GetBytes(reader.GetString(3)))} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))}");
            }
        }
        return rows;
    }

    public static async Task<bool> HasDocumentAsync(string connectionString, string key)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM documents WHERE id = @id)", connection);
        command.Parameters.AddWithValue("id", key);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
