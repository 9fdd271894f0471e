using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace RagPlatform.Core.Backups;

/// <summary>Sets as blobs in one container: <c>{id}/manifest.json</c> and the set's files under the same prefix.</summary>
public sealed class AzureBlobBackupTarget(BlobContainerClient container) : IBackupTarget
{
    private bool _created;

    public string Describe(string backupId) => $"{container.Uri}/{backupId}/";

    public async Task<IReadOnlyList<BackupManifest>> ListAsync(CancellationToken cancellationToken)
    {
        if (!await container.ExistsAsync(cancellationToken))
        {
            return [];
        }
        var manifests = new List<BackupManifest>();
        await foreach (var item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, cancellationToken))
        {
            var id = item.Prefix?.TrimEnd('/');
            if (id is not null && BackupIds.IsValid(id))
            {
                manifests.Add(await GetAsync(id, cancellationToken) ?? BackupIds.Unreadable(id, "no manifest"));
            }
        }
        return [.. manifests.OrderByDescending(m => m.Id, StringComparer.Ordinal)];
    }

    public async Task<BackupManifest?> GetAsync(string backupId, CancellationToken cancellationToken)
    {
        if (!BackupIds.IsValid(backupId))
        {
            return null;
        }
        try
        {
            var content = await container.GetBlobClient(BlobName(backupId, BackupManifest.FileName)).DownloadContentAsync(cancellationToken);
            return BackupManifest.FromJson(content.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException)
        {
            return BackupIds.Unreadable(backupId, $"manifest unreadable: {ex.Message}");
        }
    }

    public async Task WriteManifestAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        // A blob upload replaces the blob whole: a reader sees the old manifest or the new one.
        await container.GetBlobClient(BlobName(manifest.Id, BackupManifest.FileName))
            .UploadAsync(new BinaryData(manifest.ToJson()), overwrite: true, cancellationToken);
    }

    public async Task WriteFileAsync(string backupId, string name, Stream content, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await container.GetBlobClient(BlobName(backupId, name)).UploadAsync(content, overwrite: true, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(string backupId, string name, CancellationToken cancellationToken) =>
        await container.GetBlobClient(BlobName(backupId, name)).OpenReadAsync(cancellationToken: cancellationToken);

    public async Task DeleteAsync(string backupId, CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{backupId}/", cancellationToken))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }
    }

    private static string BlobName(string backupId, string name) => BackupIds.IsValid(backupId) && !name.Contains('/')
        ? $"{backupId}/{name}"
        : throw new ArgumentException($"'{backupId}/{name}' is not a backup file.");
}
