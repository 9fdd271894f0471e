using System.Numerics.Tensors;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The embedded index's chunk table: each chunk owns a slot; its vector lives at slot * dimension in one
/// contiguous slab, so the exact dense scan streams memory linearly. Freed slots are reused.
/// Not thread-safe by itself: <see cref="EmbeddedSearchIndex"/> runs <see cref="Reserve"/> under its writer
/// gate only, and <see cref="Commit"/>/<see cref="Release"/> under its exclusive lock, so a search never sees a half-written row.
/// </summary>
internal sealed class ChunkSlots(int dimension)
{
    private const int InitialCapacity = 256;
    private const int FreeSlot = -1;

    private readonly Stack<int> _freeSlots = new();
    private float[] _vectors = new float[InitialCapacity * dimension];
    private int[] _collections = NewCollectionTable(InitialCapacity);
    private IndexedChunk?[] _chunks = new IndexedChunk?[InitialCapacity];
    private int _scanLimit;
    private int _nextSlot;

    public int Dimension { get; } = dimension;

    /// <summary>Picks a slot for a new chunk without making anything visible yet.</summary>
    public int Reserve() => _freeSlots.Count > 0 ? _freeSlots.Pop() : _nextSlot++;

    public IndexedChunk? ChunkAt(int slot) => (uint)slot < (uint)_scanLimit ? _chunks[slot] : null;

    /// <summary>The vector of a committed slot.</summary>
    public ReadOnlySpan<float> VectorAt(int slot) => _vectors.AsSpan(slot * Dimension, Dimension);

    /// <summary>Makes a reserved slot visible. The stored chunk drops its embedding: the slab holds the only copy.</summary>
    public void Commit(int slot, IndexedChunk chunk, int scopeId)
    {
        EnsureCapacity(slot + 1);
        chunk.Embedding.Span.CopyTo(_vectors.AsSpan(slot * Dimension, Dimension));
        _collections[slot] = scopeId;
        _chunks[slot] = chunk with { Embedding = ReadOnlyMemory<float>.Empty };
        _scanLimit = Math.Max(_scanLimit, slot + 1);
    }

    public void Release(int slot)
    {
        _collections[slot] = FreeSlot;
        _chunks[slot] = null;
        _freeSlots.Push(slot);
    }

    /// <summary>
    /// Exact top-k by dot product (cosine, as vectors are normalised) into the buffers, best first;
    /// returns how many were found. Only slots whose scope id is true in <paramref name="allowedScopes"/> are
    /// searched (null: every scope); a slot whose chunk fails <paramref name="filter"/> is skipped before its dot product is taken.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, bool[]? allowedScopes, Span<int> slots, Span<float> scores, MetadataFilter? filter = null)
    {
        var heap = new BoundedTopK(slots, scores);
        var vectors = _vectors;
        var collections = _collections;
        var limit = _scanLimit;
        var filtered = allowedScopes is not null;
        for (var slot = 0; slot < limit; slot++)
        {
            var collection = collections[slot];
            if (collection == FreeSlot
                || (filtered && ((uint)collection >= (uint)allowedScopes!.Length || !allowedScopes[collection]))
                || (filter is not null && !filter.Matches(_chunks[slot]!.Metadata)))
            {
                continue;
            }

            heap.Offer(slot, TensorPrimitives.Dot(vectors.AsSpan(slot * Dimension, Dimension), query));
        }

        return heap.SortBestFirst();
    }

    private void EnsureCapacity(int slots)
    {
        if (slots <= _collections.Length)
        {
            return;
        }

        var capacity = Math.Max(slots, _collections.Length * 2);
        Array.Resize(ref _vectors, capacity * Dimension);
        Array.Resize(ref _chunks, capacity);
        var collections = NewCollectionTable(capacity);
        _collections.CopyTo(collections, 0);
        _collections = collections;
    }

    // A slot reserved but never committed (its write failed) must read as free, not as collection 0.
    private static int[] NewCollectionTable(int capacity)
    {
        var table = new int[capacity];
        table.AsSpan().Fill(FreeSlot);
        return table;
    }
}
