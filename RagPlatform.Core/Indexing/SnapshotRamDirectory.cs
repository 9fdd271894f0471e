using System.Collections.Concurrent;
using Lucene.Net.Store;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Lucene's in-memory directory, read without locks. RAMDirectory's inputs take the file's lock for every 1 KB
/// buffer they move to; under 50 concurrent searches that lock was the keyword side's largest cost (15% of the
/// API's CPU spent spinning on it, docs/benchmarks.md). Lucene writes a file once and never changes it after it is
/// closed, and readers only open closed files, so the first reader copies a file into one array and every later
/// input reads that array directly. The copy doubles the keyword index's memory (a few MB per 10k chunks); a file's
/// copy goes when the file is deleted (merged away) or written again.
/// </summary>
internal sealed class SnapshotRamDirectory : RAMDirectory
{
    private readonly ConcurrentDictionary<string, byte[]> _snapshots = new(StringComparer.Ordinal);

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        if (!_snapshots.TryGetValue(name, out var bytes))
        {
            using var input = base.OpenInput(name, context);
            bytes = new byte[input.Length];
            input.ReadBytes(bytes, 0, bytes.Length);
            bytes = _snapshots.GetOrAdd(name, bytes);
        }
        return new ByteArrayIndexInput(name, bytes);
    }

    public override IndexOutput CreateOutput(string name, IOContext context)
    {
        _snapshots.TryRemove(name, out _);
        return base.CreateOutput(name, context);
    }

    public override void DeleteFile(string name)
    {
        base.DeleteFile(name);
        _snapshots.TryRemove(name, out _);
    }

    protected override void Dispose(bool disposing)
    {
        _snapshots.Clear();
        base.Dispose(disposing);
    }

    /// <summary>An input over an immutable array; clones share the array and keep their own position.</summary>
    private sealed class ByteArrayIndexInput(string name, byte[] bytes) : IndexInput($"{nameof(ByteArrayIndexInput)}({name})")
    {
        private int _position;

        public override long Length => bytes.Length;

        public override long Position => _position;

        public override byte ReadByte()
        {
            if ((uint)_position >= (uint)bytes.Length)
            {
                throw new EndOfStreamException($"read past EOF: {this}");
            }
            return bytes[_position++];
        }

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            if (len > bytes.Length - _position)
            {
                throw new EndOfStreamException($"read past EOF: {this}");
            }
            Buffer.BlockCopy(bytes, _position, b, offset, len);
            _position += len;
        }

        public override void Seek(long pos)
        {
            // Lucene may seek to the end; reading there throws.
            ArgumentOutOfRangeException.ThrowIfNegative(pos);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(pos, bytes.Length);
            _position = (int)pos;
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
