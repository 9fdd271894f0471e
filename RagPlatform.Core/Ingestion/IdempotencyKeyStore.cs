using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace RagPlatform.Core.Ingestion;

/// <summary>
/// The rows of <c>idempotency_keys</c>, for <see cref="IngestionQueue"/> only: a key is claimed and its response stored
/// inside the transaction that queues the job, so a repeat finds either nothing or the whole first request.
/// </summary>
internal static class IdempotencyKeyStore
{
    /// <summary>What the first request with a key stored; <see cref="SameRequest"/> is false when the key was reused for another request.</summary>
    public sealed record StoredResponse(bool SameRequest, int StatusCode, string Json);

    /// <summary>
    /// Claims the request's key: null when it is this request's now. When another request already holds it, this waits
    /// for that request's transaction and returns what it stored.
    /// </summary>
    public static async Task<StoredResponse?> ClaimAsync(
        NpgsqlTransaction transaction, IdempotentRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var claim = new NpgsqlCommand("""
            INSERT INTO idempotency_keys (key, request_hash, status_code, response, created_at)
            VALUES (@key, @hash, 0, '{}'::jsonb, @now)
            ON CONFLICT (key) DO NOTHING
            """, transaction.Connection, transaction))
        {
            claim.Parameters.AddWithValue("key", request.Key);
            claim.Parameters.AddWithValue("hash", request.RequestHash);
            claim.Parameters.AddWithValue("now", now);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return null;
            }
        }

        await using var read = new NpgsqlCommand(
            "SELECT request_hash, status_code, response::text FROM idempotency_keys WHERE key = @key", transaction.Connection, transaction);
        read.Parameters.AddWithValue("key", request.Key);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoredResponse(reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(request.RequestHash), reader.GetInt32(1), reader.GetString(2));
    }

    public static async Task StoreResponseAsync(NpgsqlTransaction transaction, IdempotentRequest request, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE idempotency_keys SET status_code = @status, response = @response WHERE key = @key", transaction.Connection, transaction);
        command.Parameters.AddWithValue("key", request.Key);
        command.Parameters.AddWithValue("status", request.StatusCode);
        command.Parameters.AddWithValue("response", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(request.Response, JsonSerializerOptions.Web));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
