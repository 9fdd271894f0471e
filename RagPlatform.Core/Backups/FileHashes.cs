using System.Security.Cryptography;

namespace RagPlatform.Core.Backups;

/// <summary>Lowercase hex SHA-256 of a stream, read to its end.</summary>
public static class FileHashes
{
    public static async Task<(string Sha256, long Length)> Sha256Async(Stream stream, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }

    public static async Task<(string Sha256, long Length)> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return await Sha256Async(file, cancellationToken);
    }
}
