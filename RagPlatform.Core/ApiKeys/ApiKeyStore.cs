using System.Security.Cryptography;
using System.Text;
using Npgsql;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.ApiKeys;

/// <summary>
/// The one owner of <c>api_keys</c>. A key is stored as the SHA-256 of its secret (32 random bytes, so a fast hash is
/// enough: there is nothing to brute-force); the secret is shown once, when the key is created. PostgreSQL is reached
/// through <see cref="GuardedDatabase"/>: with it down, key lookups (and so X-Api-Key requests) answer 503 quickly.
/// </summary>
public sealed class ApiKeyStore(GuardedDatabase database, TimeProvider time)
{
    private const string Prefix = "rpk_";

    /// <summary>Whether <paramref name="secret"/> could be a key at all: anything else need not be looked up.</summary>
    public static bool IsWellFormed(string secret) => secret.StartsWith(Prefix, StringComparison.Ordinal) && secret.Length <= 128;

    /// <summary>What is stored of a secret, and what it is looked up (and may be cached) by.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public async Task<(ApiKeyInfo Key, string Secret)> CreateAsync(string tenant, string name, string[] roles, CancellationToken cancellationToken)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new ApiKeyInfo(Guid.CreateVersion7(), name, roles, time.GetUtcNow(), null);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO api_keys (id, tenant, name, roles, secret_hash, created_at) VALUES (@id, @tenant, @name, @roles, @hash, @now)
            """, connection);
        command.Parameters.AddWithValue("id", key.Id);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("roles", roles);
        command.Parameters.AddWithValue("hash", Hash(secret));
        command.Parameters.AddWithValue("now", key.CreatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return (key, secret);
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string tenant, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiKeyInfo>>(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT id, name, roles, created_at, revoked_at FROM api_keys WHERE tenant = @tenant ORDER BY created_at", connection);
            command.Parameters.AddWithValue("tenant", tenant);
            await using var reader = await command.ExecuteReaderAsync(token);
            var keys = new List<ApiKeyInfo>();
            while (await reader.ReadAsync(token))
            {
                keys.Add(new ApiKeyInfo(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                    reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
            }
            return keys;
        }, cancellationToken);

    /// <summary>Revokes one of the tenant's keys; false when the tenant has no such key.</summary>
    public async Task<bool> RevokeAsync(string tenant, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE api_keys SET revoked_at = coalesce(revoked_at, @now) WHERE id = @id AND tenant = @tenant", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The identity of the valid, unrevoked key whose secret hashes to <paramref name="hash"/>; null for anything else.</summary>
    public Task<ApiKeyIdentity?> FindAsync(byte[] hash, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT id, tenant, name, roles FROM api_keys WHERE secret_hash = @hash AND revoked_at IS NULL", connection);
            command.Parameters.AddWithValue("hash", hash);
            await using var reader = await command.ExecuteReaderAsync(token);
            return await reader.ReadAsync(token)
                ? new ApiKeyIdentity(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3))
                : null;
        }, cancellationToken);
}
