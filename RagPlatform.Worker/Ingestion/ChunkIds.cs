using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RagPlatform.Worker.Ingestion;

/// <summary>
/// Chunk ids derived from the document, its content and the chunk's position: the same content
/// always yields the same ids, so re-running an interrupted job overwrites instead of duplicating,
/// in PostgreSQL and in an external index alike.
/// </summary>
public static class ChunkIds
{
    public static Guid For(string documentId, ReadOnlySpan<byte> contentHash, int ordinal)
    {
        var idBytes = Encoding.UTF8.GetBytes(documentId);
        Span<byte> input = stackalloc byte[idBytes.Length + contentHash.Length + 4];
        idBytes.CopyTo(input);
        contentHash.CopyTo(input[idBytes.Length..]);
        BinaryPrimitives.WriteInt32BigEndian(input[(idBytes.Length + contentHash.Length)..], ordinal);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        // Mark it an RFC 9562 version 8 (custom) UUID, variant 10.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
