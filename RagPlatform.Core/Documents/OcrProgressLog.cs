using Npgsql;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Documents;

/// <summary>
/// The one owner of <c>ocr_progress</c> (migration 7): the extract step records each page it has recognised, so
/// <c>GET /documents/{id}</c> shows a long scan advancing instead of sitting in step <c>extract</c> for minutes. The index
/// step's transaction (<see cref="DocumentStore.Indexed"/>) removes it.
/// </summary>
public sealed class OcrProgressLog(GuardedDatabase database, TimeProvider time)
{
    /// <summary>An attempt starts recognising <paramref name="pageCount"/> pages; an earlier attempt's count starts over.</summary>
    public Task StartAsync(string key, int pageCount, CancellationToken cancellationToken) =>
        WriteAsync("""
            INSERT INTO ocr_progress (document_id, page_count, pages_recognised, started_at, updated_at)
            VALUES (@id, @count, 0, @now, @now)
            ON CONFLICT (document_id) DO UPDATE SET page_count = @count, pages_recognised = 0, started_at = @now, updated_at = @now
            """, key, pageCount, cancellationToken);

    /// <summary><paramref name="pagesRecognised"/> pages of this attempt are recognised.</summary>
    public Task AdvanceAsync(string key, int pagesRecognised, CancellationToken cancellationToken) =>
        WriteAsync("UPDATE ocr_progress SET pages_recognised = @count, updated_at = @now WHERE document_id = @id", key, pagesRecognised, cancellationToken);

    private async Task WriteAsync(string sql, string key, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", key);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The document's OCR progress, or null when no attempt has recognised pages of it since it was last indexed.</summary>
    internal static async Task<OcrProgress?> ReadAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT page_count, pages_recognised, started_at, updated_at FROM ocr_progress WHERE document_id = @id", connection);
        command.Parameters.AddWithValue("id", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new OcrProgress(reader.GetInt32(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    /// <summary>Inside the index step's transaction: the document is searchable now, so its reading progress goes.</summary>
    internal static async Task DeleteAsync(NpgsqlTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM ocr_progress WHERE document_id = @id", transaction.Connection, transaction);
        command.Parameters.AddWithValue("id", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
