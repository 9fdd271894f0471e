using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using RagPlatform.Core.Backups;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Backups;

/// <summary>A backup service and restorer over one database and one target, built as the hosts build them.</summary>
internal sealed class BackupKit : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public BackupKit(string connectionString, IBackupTarget target, TimeProvider? time = null, BackupOptions? options = null, PostgresClientTools? tools = null)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Target = target;
        var settings = Options.Create(options ?? new BackupOptions());
        var database = new BackupDatabase(connectionString);
        tools ??= PostgresClientTools.Find(null);
        MeterFactory = TestMeterFactory.Create();
        Metrics = new BackupMetrics(MeterFactory);
        Service = new BackupService(_dataSource, database, target, tools, Metrics, time ?? TimeProvider.System, settings, NullLogger<BackupService>.Instance);
        Restorer = new BackupRestorer(database, target, tools, Service, settings, NullLogger<BackupRestorer>.Instance);
    }

    public IBackupTarget Target { get; }

    /// <summary>The meter factory of this kit's metrics: a recorder scoped to it sees this kit's runs only.</summary>
    public System.Diagnostics.Metrics.IMeterFactory MeterFactory { get; }

    public BackupMetrics Metrics { get; }

    public BackupService Service { get; }

    public BackupRestorer Restorer { get; }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>A local target in a new temporary folder.</summary>
    public static LocalFolderBackupTarget TemporaryFolder() => new(Directory.CreateTempSubdirectory("ragplatform-backups-").FullName);
}
