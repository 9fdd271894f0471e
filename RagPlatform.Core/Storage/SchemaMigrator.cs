using Microsoft.Extensions.Logging;
using Npgsql;

namespace RagPlatform.Core.Storage;

/// <summary>
/// Brings the database schema to the newest version. Runs once at API start; an advisory lock
/// makes concurrent starts (several API replicas) wait for each other instead of racing.
/// Migrations are append-only: never edit one that has shipped, add the next.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    private const long MigrationLockKey = 0x5241_4750_4D49_4752; // "RAGPMIGR"

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        int current;
        await using (var versionCommand = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection, transaction))
        {
            current = (int)(await versionCommand.ExecuteScalarAsync(cancellationToken))!;
        }

        foreach (var migration in Migrations.All.Where(m => m.Version > current))
        {
            logger.LogInformation("Applying schema migration {Version}: {Name}", migration.Version, migration.Name);
            await using var apply = new NpgsqlCommand(migration.Sql, connection, transaction);
            await apply.ExecuteNonQueryAsync(cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (@v)", connection, transaction);
            record.Parameters.AddWithValue("v", migration.Version);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
