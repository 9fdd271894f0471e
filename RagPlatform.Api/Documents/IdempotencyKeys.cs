using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace RagPlatform.Api.Documents;

/// <summary>
/// The <c>Idempotency-Key</c> request header: the first request with a key is carried out and its
/// response stored in the same transaction; a repeat gets that response back and creates nothing.
/// Reusing a key for a different request is a 422.
/// </summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    public static byte[] HashRequest(string method, string path, UploadInput input)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // "/api/v1/documents" and "/api/v1/documents/" are one route, so one request.
        path = path.TrimEnd('/');
        hash.AppendData(Encoding.UTF8.GetBytes($"{method} {path}\n{input.Id}\n{input.Title}\n{input.Collection}\n{input.ContentType}\n{input.FileName}\n"));
        hash.AppendData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(input.Metadata)));
        hash.AppendData(input.Content);
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Claims <paramref name="key"/> inside the caller's transaction. When another request already
    /// holds it, this waits for that request's transaction and returns what it stored.
    /// </summary>
    public static async Task<StoredResponse?> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string key, byte[] requestHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var claim = new NpgsqlCommand("""
            INSERT INTO idempotency_keys (key, request_hash, status_code, response, created_at)
            VALUES (@key, @hash, 0, '{}'::jsonb, @now)
            ON CONFLICT (key) DO NOTHING
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("key", key);
            claim.Parameters.AddWithValue("hash", requestHash);
            claim.Parameters.AddWithValue("now", now);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return null;
            }
        }

        await using var read = new NpgsqlCommand(
            "SELECT request_hash, status_code, response::text FROM idempotency_keys WHERE key = @key", connection, transaction);
        read.Parameters.AddWithValue("key", key);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoredResponse(reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(requestHash), reader.GetInt32(1), reader.GetString(2));
    }

    public static async Task StoreAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string key, int statusCode, object response, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE idempotency_keys SET status_code = @status, response = @response WHERE key = @key", connection, transaction);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("status", statusCode);
        command.Parameters.AddWithValue("response", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(response, JsonSerializerOptions.Web));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>What the first request with a key answered; <see cref="SameRequest"/> is false when the key was reused for another request.</summary>
    public sealed record StoredResponse(bool SameRequest, int StatusCode, string Json);
}
