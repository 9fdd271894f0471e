namespace RagPlatform.Core.Backups;

/// <summary>Sets as folders under one root: <c>{root}/{id}/manifest.json</c> and the set's files beside it.</summary>
public sealed class LocalFolderBackupTarget(string root) : IBackupTarget
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Describe(string backupId) => SetFolder(backupId);

    public async Task<IReadOnlyList<BackupManifest>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }
        var manifests = new List<BackupManifest>();
        foreach (var folder in Directory.GetDirectories(Root))
        {
            var id = Path.GetFileName(folder);
            if (BackupIds.IsValid(id))
            {
                manifests.Add(await GetAsync(id, cancellationToken) ?? BackupIds.Unreadable(id, "no manifest"));
            }
        }
        return [.. manifests.OrderByDescending(m => m.Id, StringComparer.Ordinal)];
    }

    public async Task<BackupManifest?> GetAsync(string backupId, CancellationToken cancellationToken)
    {
        if (!BackupIds.IsValid(backupId) || !Directory.Exists(SetFolder(backupId)))
        {
            return null;
        }
        var path = Path.Combine(SetFolder(backupId), BackupManifest.FileName);
        try
        {
            return BackupManifest.FromJson(await File.ReadAllBytesAsync(path, cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidDataException)
        {
            return BackupIds.Unreadable(backupId, $"manifest unreadable: {ex.Message}");
        }
    }

    public async Task WriteManifestAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(SetFolder(manifest.Id));
        // Written beside and renamed over, so a reader never sees half a manifest.
        var path = Path.Combine(SetFolder(manifest.Id), BackupManifest.FileName);
        await File.WriteAllBytesAsync(path + ".tmp", manifest.ToJson(), cancellationToken);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public async Task WriteFileAsync(string backupId, string name, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(SetFolder(backupId));
        await using var file = new FileStream(FilePath(backupId, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await content.CopyToAsync(file, cancellationToken);
        await file.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
    }

    public Task<Stream> OpenReadAsync(string backupId, string name, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(FilePath(backupId, name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));

    public Task DeleteAsync(string backupId, CancellationToken cancellationToken)
    {
        if (Directory.Exists(SetFolder(backupId)))
        {
            Directory.Delete(SetFolder(backupId), recursive: true);
        }
        return Task.CompletedTask;
    }

    private string SetFolder(string backupId) => BackupIds.IsValid(backupId)
        ? Path.Combine(Root, backupId)
        : throw new ArgumentException($"'{backupId}' is not a backup id.", nameof(backupId));

    private string FilePath(string backupId, string name) => Path.GetFileName(name) == name
        ? Path.Combine(SetFolder(backupId), name)
        : throw new ArgumentException($"'{name}' is not a file name.", nameof(name));
}
