using Npgsql;
using RagPlatform.Core.Storage;

namespace RagPlatform.Api.Documents;

/// <summary>The API's side of the ingestion queue: every (re)ingestion starts here, in the caller's transaction.</summary>
public static class IngestionQueue
{
    /// <summary>
    /// Replaces any job of the document with a fresh one and wakes the workers. A worker still busy
    /// with a removed job finds it gone when it tries to complete it, and discards its result.
    /// </summary>
    public static async Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string documentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            DELETE FROM ingestion_jobs WHERE document_id = @id;
            INSERT INTO ingestion_jobs (document_id, status, available_at, created_at, updated_at) VALUES (@id, 'queued', @now, @now, @now);
            NOTIFY {NotificationChannels.IngestionJobs};
            """, connection, transaction);
        command.Parameters.AddWithValue("id", documentId);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
