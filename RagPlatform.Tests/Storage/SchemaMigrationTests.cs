using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RagPlatform.Core.Storage;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Storage;

/// <summary>A database created by an earlier release keeps every document through later migrations.</summary>
[Trait("Category", "Integration")]
public sealed class SchemaMigrationTests : IAsyncLifetime
{
    private NativePostgres _postgres = null!;
    private NpgsqlDataSource _dataSource = null!;

    public async ValueTask InitializeAsync()
    {
        _postgres = await NativePostgres.StartAsync();
        await _postgres.CreateDatabaseAsync("legacy");
        _dataSource = NpgsqlDataSource.Create(_postgres.ConnectionStringFor("legacy"));
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task DocumentsOfASingleTenantReleaseMoveToTheDefaultTenantWithTheirChunksJobsAndKeys()
    {
        // The schema and data as the first release (migration 1 only) left them.
        await ExecuteAsync("CREATE TABLE schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        await ExecuteAsync(Migrations.All.Single(m => m.Version == 1).Sql);
        await ExecuteAsync("""
            INSERT INTO schema_migrations (version) VALUES (1);
            INSERT INTO documents (id, collection, content_type, content, content_hash, status, chunk_count, created_at, updated_at)
            VALUES ('handbook', 'default', 'text/plain', 'Backups run nightly.'::bytea, '\x00'::bytea, 'indexed', 1, now(), now());
            INSERT INTO chunks (id, document_id, ordinal, text, start_offset, end_offset, token_count, embedding)
            VALUES ('00000000-0000-0000-0000-000000000001', 'handbook', 0, 'Backups run nightly.', 0, 20, 5, '{0.1,0.2}');
            INSERT INTO ingestion_jobs (document_id, status, available_at, created_at, updated_at) VALUES ('handbook', 'done', now(), now(), now());
            INSERT INTO idempotency_keys (key, request_hash, status_code, response, created_at) VALUES ('upload-1', '\x01'::bytea, 202, '{}', now());
            INSERT INTO index_changes (document_id, operation) VALUES ('handbook', 'upsert');
            """);

        var migrator = new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync(CancellationToken.None);
        await migrator.MigrateAsync(CancellationToken.None); // a second start changes nothing

        Assert.Equal("default/handbook|default", await ScalarAsync("SELECT id || '|' || tenant FROM documents"));
        Assert.Equal("default/handbook", await ScalarAsync("SELECT document_id FROM chunks"));
        Assert.Equal("default/handbook", await ScalarAsync("SELECT document_id FROM ingestion_jobs"));
        Assert.Equal("default/handbook", await ScalarAsync("SELECT document_id FROM index_changes"));
        Assert.Equal("default/upload-1", await ScalarAsync("SELECT key FROM idempotency_keys"));
        // The full-text fallback can find the old chunk too.
        Assert.Equal("default/handbook", await ScalarAsync("SELECT document_id FROM chunks WHERE search_vector @@ to_tsquery('english', 'backup')"));
        Assert.Equal(Migrations.All.Max(m => m.Version).ToString(System.Globalization.CultureInfo.InvariantCulture),
            await ScalarAsync("SELECT max(version)::text FROM schema_migrations"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (string?)await command.ExecuteScalarAsync();
    }
}
