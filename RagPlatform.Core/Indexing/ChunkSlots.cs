using System.Buffers;
using System.Numerics.Tensors;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The embedded index's chunk table: each chunk owns a slot; its vector lives at slot * dimension in one
/// contiguous slab, so the dense scan streams memory linearly. Freed slots are reused.
/// Each vector is also kept as int8 codes (<see cref="Int8Vectors"/>): a search scans those, a quarter of the
/// memory, and rescores its best <see cref="RescoreFactor"/> x k candidates with the float vectors, so what it
/// returns is the exact top k unless a true top-k vector ranked below that by its codes (measured: no difference in
/// SciFact's nDCG@10 or Recall@100, docs/benchmarks.md).
/// Not thread-safe by itself: <see cref="EmbeddedIndexStore"/> runs <see cref="Reserve"/> under its writer
/// gate only, and <see cref="Commit"/>/<see cref="Release"/> under its exclusive lock, so a search never sees a half-written row.
/// </summary>
internal sealed class ChunkSlots(int dimension)
{
    private const int InitialCapacity = 256;
    private const int FreeSlot = -1;

    /// <summary>How many candidates per wanted result the int8 scan hands to the exact rescoring.</summary>
    public const int RescoreFactor = 4;

    /// <summary>The fewest candidates rescored; below this many live rows the float vectors are scanned directly.</summary>
    public const int MinimumCandidates = 256;

    private readonly int _stride = Int8Vectors.StrideFor(dimension);
    private readonly Stack<int> _freeSlots = new();
    private float[] _vectors = new float[InitialCapacity * dimension];
    private sbyte[] _codes = new sbyte[InitialCapacity * Int8Vectors.StrideFor(dimension)];
    private float[] _codeScales = new float[InitialCapacity];
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
        _codeScales[slot] = Int8Vectors.Quantize(chunk.Embedding.Span, _codes.AsSpan(slot * _stride, _stride));
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
    /// Top-k by dot product (cosine, as vectors are normalised) into the buffers, best first; returns how many
    /// were found. Only slots whose scope id is true in <paramref name="allowedScopes"/> are searched (null: every
    /// scope); a slot whose chunk fails <paramref name="filter"/> is skipped before its dot product is taken.
    /// Scores are the float vectors' exact dot products; the int8 codes only choose which slots get one.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, bool[]? allowedScopes, Span<int> slots, Span<float> scores, MetadataFilter? filter = null)
    {
        var candidates = Math.Max(slots.Length * RescoreFactor, MinimumCandidates);
        if (_scanLimit <= candidates)
        {
            return ExactSearch(query, allowedScopes, slots, scores, filter);
        }

        var candidateSlots = ArrayPool<int>.Shared.Rent(candidates);
        var candidateScores = ArrayPool<float>.Shared.Rent(candidates);
        try
        {
            var found = CodeSearch(query, allowedScopes, candidateSlots.AsSpan(0, candidates), candidateScores.AsSpan(0, candidates), filter);
            var heap = new BoundedTopK(slots, scores);
            foreach (var slot in candidateSlots.AsSpan(0, found))
            {
                heap.Offer(slot, TensorPrimitives.Dot(_vectors.AsSpan(slot * Dimension, Dimension), query));
            }
            return heap.SortBestFirst();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(candidateSlots);
            ArrayPool<float>.Shared.Return(candidateScores);
        }
    }

    /// <summary>The exact scan of the float vectors, for tables too small for the int8 scan to save anything.</summary>
    private int ExactSearch(ReadOnlySpan<float> query, bool[]? allowedScopes, Span<int> slots, Span<float> scores, MetadataFilter? filter = null)
    {
        var heap = new BoundedTopK(slots, scores);
        var vectors = _vectors;
        var limit = _scanLimit;
        for (var slot = 0; slot < limit; slot++)
        {
            if (IsSearched(slot, allowedScopes, filter))
            {
                heap.Offer(slot, TensorPrimitives.Dot(vectors.AsSpan(slot * Dimension, Dimension), query));
            }
        }

        return heap.SortBestFirst();
    }

    /// <summary>Top candidates by the int8 codes' approximate dot product (unscaled by the query's scale, which all share).</summary>
    private int CodeSearch(ReadOnlySpan<float> query, bool[]? allowedScopes, Span<int> slots, Span<float> scores, MetadataFilter? filter)
    {
        Span<short> wideQuery = _stride <= 2048 ? stackalloc short[_stride] : new short[_stride];
        Int8Vectors.QuantizeWide(query, wideQuery);
        var heap = new BoundedTopK(slots, scores);
        var codes = _codes;
        var codeScales = _codeScales;
        var stride = _stride;
        var limit = _scanLimit;
        for (var slot = 0; slot < limit; slot++)
        {
            if (IsSearched(slot, allowedScopes, filter))
            {
                heap.Offer(slot, Int8Vectors.Dot(codes.AsSpan(slot * stride, stride), wideQuery) * codeScales[slot]);
            }
        }

        return heap.SortBestFirst();
    }

    private bool IsSearched(int slot, bool[]? allowedScopes, MetadataFilter? filter)
    {
        var collection = _collections[slot];
        return collection != FreeSlot
            && (allowedScopes is null || ((uint)collection < (uint)allowedScopes.Length && allowedScopes[collection]))
            && (filter is null || filter.Matches(_chunks[slot]!.Metadata));
    }

    private void EnsureCapacity(int slots)
    {
        if (slots <= _collections.Length)
        {
            return;
        }

        var capacity = Math.Max(slots, _collections.Length * 2);
        Array.Resize(ref _vectors, capacity * Dimension);
        Array.Resize(ref _codes, capacity * _stride);
        Array.Resize(ref _codeScales, capacity);
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
