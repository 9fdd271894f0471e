using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Storage;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Storage;

/// <summary>
/// One PostgreSQL server for the storage tests; each test takes a fresh, migrated database of its own
/// (<see cref="CreateStoresAsync"/>), so no job left by one test is claimed by another.
/// </summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private NativePostgres _postgres = null!;
    private readonly List<NpgsqlDataSource> _dataSources = [];

    public async ValueTask InitializeAsync() => _postgres = await NativePostgres.StartAsync();

    /// <summary>The stores over a new database, on a clock that moves only when the test advances it.</summary>
    public async Task<Stores> CreateStoresAsync(IngestionQueueOptions? options = null)
    {
        var name = $"store_{Guid.NewGuid():N}";
        await _postgres.CreateDatabaseAsync(name);
        var dataSource = NpgsqlDataSource.Create(_postgres.ConnectionStringFor(name));
        lock (_dataSources)
        {
            _dataSources.Add(dataSource);
        }
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var database = GuardedDatabase.Unguarded(dataSource);
        var documents = new DocumentStore(database, time);
        return new Stores(dataSource, time, documents, new IngestionQueue(database, documents, time, Options.Create(options ?? new IngestionQueueOptions())));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
[Trait("Category", "Integration")]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "storage";
}
