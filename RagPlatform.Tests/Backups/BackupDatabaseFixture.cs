using Npgsql;
using RagPlatform.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Backups;

/// <summary>One PostgreSQL server for the backup tests; each test takes a migrated database of its own.</summary>
public sealed class BackupDatabaseFixture : IAsyncLifetime
{
    public NativePostgres Postgres { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Postgres = await NativePostgres.StartAsync();

    /// <summary>A new database with the platform's schema and a few rows in the change log; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(int changes = 3)
    {
        var name = $"backup_{Guid.NewGuid():N}";
        await Postgres.CreateDatabaseAsync(name);
        var connectionString = Postgres.ConnectionStringFor(name);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO index_changes (document_id, operation) SELECT 'default/doc-' || g, 'upsert' FROM generate_series(1, @n) g");
        insert.Parameters.AddWithValue("n", changes);
        await insert.ExecuteNonQueryAsync();
        return connectionString;
    }

    public ValueTask DisposeAsync() => Postgres.DisposeAsync();
}

[CollectionDefinition(Name)]
[Trait("Category", "Integration")]
public sealed class BackupDatabaseCollection : ICollectionFixture<BackupDatabaseFixture>
{
    public const string Name = "backup-database";
}
