using System.Runtime.InteropServices;
using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Chunking;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Documents;

/// <summary>
/// A document's rows in <c>chunks</c>, for <see cref="DocumentStore"/>: written whole when it is indexed, and read to
/// reuse identical content. (The indexes read them through ChunkReader.)
/// </summary>
internal static class DocumentChunks
{
    public static async Task ReplaceAsync(
        NpgsqlTransaction transaction, string key, IReadOnlyList<IndexedChunk> chunks, IReadOnlyList<TextChunk> sources, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await using (var delete = new NpgsqlCommand("DELETE FROM chunks WHERE document_id = @document", connection, transaction))
        {
            delete.Parameters.AddWithValue("document", key);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        // Binary COPY: one round trip for all chunks and their vectors.
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY chunks (id, document_id, ordinal, text, start_offset, end_offset, token_count, heading_path, page_number, embedding, ocr_confidence) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(chunk.ChunkId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(chunk.DocumentId, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(chunk.Ordinal, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(chunk.Text, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(chunk.StartOffset, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(chunk.EndOffset, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(sources[i].TokenCount, NpgsqlDbType.Integer, cancellationToken);
            if (chunk.HeadingPath is null)
            {
                await writer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await writer.WriteAsync(chunk.HeadingPath, NpgsqlDbType.Text, cancellationToken);
            }
            if (chunk.PageNumber is { } page)
            {
                await writer.WriteAsync(page, NpgsqlDbType.Integer, cancellationToken);
            }
            else
            {
                await writer.WriteNullAsync(cancellationToken);
            }
            await writer.WriteAsync(AsArray(chunk.Embedding), NpgsqlDbType.Array | NpgsqlDbType.Real, cancellationToken);
            if (chunk.OcrConfidence is { } confidence)
            {
                await writer.WriteAsync((float)confidence, NpgsqlDbType.Real, cancellationToken);
            }
            else
            {
                await writer.WriteNullAsync(cancellationToken);
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }

    public static async Task<ReusableChunks?> ReadReusableAsync(NpgsqlConnection connection, IngestionJob job, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.ordinal, c.text, c.start_offset, c.end_offset, c.token_count, c.heading_path, c.page_number, c.embedding, c.ocr_confidence
            FROM chunks c JOIN documents d ON d.id = c.document_id
            WHERE d.id = (
                SELECT id FROM documents
                WHERE tenant = @tenant AND collection = @collection AND content_hash = @hash AND status = 'indexed' AND id <> @document
                  AND title IS NOT DISTINCT FROM @title
                LIMIT 1)
            ORDER BY c.ordinal
            """, connection);
        command.Parameters.AddWithValue("tenant", job.Tenant);
        command.Parameters.AddWithValue("collection", job.Collection);
        command.Parameters.AddWithValue("hash", job.ContentHash);
        command.Parameters.AddWithValue("document", job.DocumentId);
        command.Parameters.AddWithValue("title", NpgsqlDbType.Text, (object?)job.Title ?? DBNull.Value);

        var chunks = new List<TextChunk>();
        var embeddings = new List<ReadOnlyMemory<float>>();
        var pages = new List<int?>();
        var ocr = new List<double?>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            chunks.Add(new TextChunk(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
            pages.Add(reader.IsDBNull(6) ? null : reader.GetInt32(6));
            embeddings.Add(reader.GetFieldValue<float[]>(7));
            ocr.Add(reader.IsDBNull(8) ? null : reader.GetFloat(8));
        }
        return chunks.Count > 0 ? new ReusableChunks(chunks, embeddings, pages, ocr) : null;
    }

    private static float[] AsArray(ReadOnlyMemory<float> vector) =>
        MemoryMarshal.TryGetArray(vector, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : vector.ToArray();
}
