using Azure.Storage.Blobs;
using RagPlatform.Core.Backups;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Backups;

/// <summary>The Azure Blob target against Azurite: a backup stored, listed, restored, damaged and refused, and deleted.</summary>
[Collection(BackupDatabaseCollection.Name)]
public sealed class AzureBlobTargetTests(BackupDatabaseFixture fixture) : IAsyncLifetime
{
    private AzuriteServer _azurite = null!;

    public async ValueTask InitializeAsync() => _azurite = await AzuriteServer.StartAsync();

    public ValueTask DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task ABackupInBlobStorageRestoresIntoADestroyedDatabaseAndCanBeDeleted()
    {
        var source = await fixture.CreateDatabaseAsync(changes: 5);
        var target = Target();
        await using var kit = new BackupKit(source, target);
        var manifest = await kit.Service.RunNowAsync(BackupManifest.Kinds.Manual, CancellationToken.None);

        var listed = Assert.Single(await target.ListAsync(CancellationToken.None));
        Assert.Equal((manifest.Id, BackupManifest.Statuses.Verified, 5L), (listed.Id, listed.Status, listed.Watermark));
        Assert.StartsWith($"http://127.0.0.1:{_azurite.Port}/devstoreaccount1/", target.Describe(manifest.Id));

        // A database that does not exist yet (a new server after a lost disk) is created and restored.
        var restored = fixture.Postgres.ConnectionStringFor($"restored_{Guid.NewGuid():N}");
        await using var restoreKit = new BackupKit(restored, target);
        var result = await restoreKit.Restorer.RestoreAsync(BackupRestorer.Latest, CancellationToken.None);
        Assert.Equal(manifest.Id, result.Restored.Id);
        Assert.Null(result.SafetyBackup); // the database was empty: nothing to keep
        Assert.Equal(await DatabaseContents.ReadAsync(source), await DatabaseContents.ReadAsync(restored));
        Assert.Equal(5L, await BackupIntegrityTests.MaxSeqAsync(restored));

        await target.DeleteAsync(manifest.Id, CancellationToken.None);
        Assert.Empty(await target.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ADumpBlobWithOneByteFlippedIsRefusedNamingTheFile()
    {
        var database = await fixture.CreateDatabaseAsync();
        var container = Container();
        await using var kit = new BackupKit(database, new AzureBlobBackupTarget(container));
        var manifest = await kit.Service.RunNowAsync(BackupManifest.Kinds.Manual, CancellationToken.None);
        var blob = container.GetBlobClient($"{manifest.Id}/{BackupManifest.DatabaseFile}");
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        bytes[^10] ^= 0x80;
        await blob.UploadAsync(new BinaryData(bytes), overwrite: true);

        var refusal = await Assert.ThrowsAsync<BackupRefusedException>(() => kit.Restorer.RestoreAsync(manifest.Id, CancellationToken.None));

        Assert.Contains($"{manifest.Id}: {BackupManifest.DatabaseFile} does not match its manifest", refusal.Message);
    }

    private AzureBlobBackupTarget Target() => new(Container());

    private BlobContainerClient Container() => new(_azurite.ConnectionString, $"backups-{Guid.NewGuid():N}");
}
