using System.Text.Json;
using Npgsql;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Core.Storage;

/// <summary>
/// Reads chunks back from PostgreSQL as an index holds them. A document has chunks only once indexed;
/// while a replacement is ingested its previous chunks remain, and stay searchable, until swapped.
/// </summary>
public static class ChunkReader
{
    public static async Task<List<IndexedChunk>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT c.id, c.document_id, d.collection, {DocumentColumns.Title("d")}, c.ordinal, c.text, c.start_offset, c.end_offset, c.embedding,
                   c.heading_path, c.page_number, d.metadata::text, d.tenant, c.ocr_confidence
            FROM chunks c JOIN documents d ON d.id = c.document_id
            {(documentIds is null ? "" : "WHERE d.id = ANY(@ids)")}
            ORDER BY c.document_id, c.ordinal
            """, connection, transaction);
        if (documentIds is not null)
        {
            command.Parameters.AddWithValue("ids", documentIds.ToArray());
        }

        var chunks = new List<IndexedChunk>();
        // Rows come grouped by document: its chunks share one metadata dictionary instead of one copy each.
        (string DocumentId, IReadOnlyDictionary<string, string> Metadata) current = ("", new Dictionary<string, string>());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var documentId = reader.GetString(1);
            if (documentId != current.DocumentId)
            {
                current = (documentId, JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(11)) ?? []);
            }
            double? ocr = reader.IsDBNull(13) ? null : OcrConfidence.Fraction(reader.GetFloat(13));
            chunks.Add(new IndexedChunk(
                ChunkId: reader.GetGuid(0),
                DocumentId: documentId,
                Collection: reader.GetString(2),
                Title: reader.GetString(3),
                Ordinal: reader.GetInt32(4),
                Text: reader.GetString(5),
                StartOffset: reader.GetInt32(6),
                EndOffset: reader.GetInt32(7),
                Embedding: reader.GetFieldValue<float[]>(8),
                HeadingPath: reader.IsDBNull(9) ? null : reader.GetString(9),
                PageNumber: reader.IsDBNull(10) ? null : reader.GetInt32(10),
                Metadata: ocr is { } confidence ? WithOcr(current.Metadata, confidence) : current.Metadata,
                Tenant: reader.GetString(12),
                OcrConfidence: ocr));
        }
        return chunks;
    }

    /// <summary>A recognised chunk says so where searches can filter on it (ocr = true) and shows its confidence.</summary>
    private static Dictionary<string, string> WithOcr(IReadOnlyDictionary<string, string> metadata, double confidence) =>
        new(metadata)
        {
            ["ocr"] = "true",
            ["ocrConfidence"] = confidence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
