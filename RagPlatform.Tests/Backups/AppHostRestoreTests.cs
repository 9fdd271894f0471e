using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using RagPlatform.Core.Backups;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Backups;

/// <summary><c>--Backup:RestoreFrom=latest</c> on the AppHost: the restore resource runs the restore to completion under the orchestrator.</summary>
/// <remarks>A collection of its own (its PostgreSQL for the backup's source too): the AppHost's start and stop are the slow part, run beside the others.</remarks>
[Trait("Category", "Integration")]
public sealed class AppHostRestoreTests(BackupDatabaseFixture fixture) : IClassFixture<BackupDatabaseFixture>
{
    [Fact]
    public async Task TheAppHostsRestoreResourceRestoresTheLatestBackupAndExitsZero()
    {
        // Under /var/tmp: the postgres user must reach the data folder when tests run as root.
        var dataDirectory = Path.Combine("/var/tmp", $"ragplatform-restore-{Guid.NewGuid():N}");
        try
        {
            // A backup of another database, in the folder native mode keeps backups in.
            var source = await fixture.CreateDatabaseAsync(changes: 6);
            await using (var kit = new BackupKit(source, new LocalFolderBackupTarget(Path.Combine(dataDirectory, "backups"))))
            {
                await kit.Service.RunNowAsync(BackupManifest.Kinds.Manual, CancellationToken.None);
            }

            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RagPlatform_AppHost>(
            [
                "Infrastructure:Mode=native",
                $"Infrastructure:DataDirectory={dataDirectory}",
                $"Infrastructure:PostgresPort={TestPorts.Next().ToString(CultureInfo.InvariantCulture)}",
                $"Infrastructure:RedisPort={TestPorts.Next().ToString(CultureInfo.InvariantCulture)}",
                // The machine's Prometheus (when installed) starts with the stack: never on the fixed 9090.
                $"Monitoring:PrometheusPort={TestPorts.Next().ToString(CultureInfo.InvariantCulture)}",
                $"Parameters:jwt-signing-key={TestCredentials.SigningKey}",
                $"Parameters:service-token={TestCredentials.ServiceToken}",
                "Backup:RestoreFrom=latest",
                "Backup:Enabled=false",
            ]);
            await using var app = await builder.BuildAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await app.StartAsync(timeout.Token);

            var restored = await app.ResourceNotifications.WaitForResourceAsync("restore", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
            Assert.Equal(0, restored.Snapshot.ExitCode);
            // That the services wait for it is the model's WaitForCompletion (BackupModelTests); here, that it restored.

            await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("ragdb", timeout.Token));
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT max(seq) FROM index_changes", connection);
            Assert.Equal(6L, await command.ExecuteScalarAsync(timeout.Token));
            await connection.CloseAsync();

            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await app.StopAsync(stop.Token);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
