using System.Collections.Concurrent;
using Lucene.Net.Search;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// What the embedded index holds: each chunk in a slot of the chunk table (its vector and text), the scopes (tenant and
/// collection) the slots belong to, and the keyword index's documents. Writers are serialised and publish dense and
/// keyword changes together under a short exclusive lock, so a reader (<see cref="Read"/>) sees a document entirely
/// before or entirely after a replace.
/// </summary>
internal sealed class EmbeddedIndexStore : IDisposable
{
    private readonly Lock _writeGate = new();
    private readonly ReaderWriterLockSlim _visibility = new(LockRecursionPolicy.NoRecursion);
    private readonly KeywordIndex _keyword;
    // A scope is one tenant's collection; each gets a small id that the chunk table stores per slot.
    private readonly ConcurrentDictionary<string, int> _scopeIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _tenants = new(StringComparer.Ordinal);

    // Writer-only state (read and written under _writeGate): which slots each document owns, who owns each chunk id.
    private readonly Dictionary<string, int[]> _slotsByDocument = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, string> _documentByChunk = [];

    private ChunkSlots? _slots;
    private int _count;
    private bool _disposed;

    /// <param name="dimension">Vector length (positive); when null it is taken from the first chunk written.</param>
    /// <param name="options">The keyword index's BM25 settings and title boost.</param>
    public EmbeddedIndexStore(int? dimension, RetrievalOptions options)
    {
        _keyword = new KeywordIndex(options);
        if (dimension is { } d)
        {
            _slots = new ChunkSlots(d);
        }
    }

    /// <summary>How many chunks are searchable.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The vector length, once known.</summary>
    public int? Dimension => Volatile.Read(ref _slots)?.Dimension;

    /// <summary>Adds many documents' chunks, grouped by <see cref="IndexedChunk.DocumentId"/>, with one Lucene refresh at the end.</summary>
    public void Load(IEnumerable<IndexedChunk> chunks)
    {
        var documents = new Dictionary<string, List<IndexedChunk>>(StringComparer.Ordinal);
        foreach (var chunk in chunks)
        {
            if (!documents.TryGetValue(chunk.DocumentId, out var list))
            {
                documents[chunk.DocumentId] = list = [];
            }

            list.Add(chunk);
        }

        Apply(documents.Select(d => (d.Key, (IReadOnlyList<IndexedChunk>)d.Value)).ToList());
    }

    /// <summary>Replaces one document's chunks; an empty list deletes it.</summary>
    public void Replace(string documentId, IReadOnlyList<IndexedChunk> chunks) => Apply([(documentId, chunks)]);

    public IReadOnlyList<IndexedChunkId> ListChunks()
    {
        lock (_writeGate)
        {
            return _documentByChunk.Select(pair => new IndexedChunkId(pair.Value, pair.Key)).ToArray();
        }
    }

    /// <summary>
    /// Holds the published state still until the reader is disposed: writers prepare meanwhile, and publish after.
    /// </summary>
    public EmbeddedIndexReader Read()
    {
        _visibility.EnterReadLock();
        if (_disposed)
        {
            _visibility.ExitReadLock();
            // Named as the public type: that is what the caller holds.
            ObjectDisposedException.ThrowIf(true, typeof(EmbeddedSearchIndex));
        }

        return new EmbeddedIndexReader(this, _slots, _keyword);
    }

    internal void EndRead() => _visibility.ExitReadLock();

    /// <summary>
    /// Which scopes a search may see: false when it can find nothing (unknown tenant or collection). Null
    /// <paramref name="allowed"/> means every slot, when the index holds this tenant only (the single-tenant
    /// fast path); <paramref name="keywordScope"/> is the Lucene filter (a scope, or a whole tenant).
    /// Called under the read lock (through <see cref="EmbeddedIndexReader"/>): a tenant published meanwhile must not
    /// slip past the single-tenant fast path.
    /// </summary>
    internal bool TryScope(SearchRequest request, out bool[]? allowed, out KeywordScope keywordScope)
    {
        allowed = null;
        keywordScope = default;
        if (!_tenants.ContainsKey(request.Tenant))
        {
            return false;
        }

        if (request.Collection is not null)
        {
            var scope = IndexScope.Of(request.Tenant, request.Collection);
            if (!_scopeIds.TryGetValue(scope, out var id))
            {
                return false;
            }

            allowed = new bool[id + 1];
            allowed[id] = true;
            keywordScope = new KeywordScope(Scope: scope, Tenant: null);
            return true;
        }

        if (_tenants.Count == 1)
        {
            return true;
        }

        var prefix = IndexScope.TenantPrefix(request.Tenant);
        allowed = new bool[_scopeIds.Count];
        foreach (var (scope, id) in _scopeIds)
        {
            if ((uint)id < (uint)allowed.Length && scope.StartsWith(prefix, StringComparison.Ordinal))
            {
                allowed[id] = true;
            }
        }

        keywordScope = new KeywordScope(Scope: null, Tenant: request.Tenant);
        return true;
    }

    public void Dispose()
    {
        lock (_writeGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _visibility.EnterWriteLock();
            _keyword.Dispose();
            _visibility.ExitWriteLock();
        }

        _visibility.Dispose();
    }

    /// <summary>
    /// Replaces each listed document's chunks (an empty list deletes it). Lucene is updated and reopened
    /// first, on a searcher that searches do not use yet; then, under the exclusive lock, that searcher and the
    /// chunk-table changes are published together. New chunks take slots freed by earlier writes only, never the slots
    /// of the chunks they replace, so nothing a search can still see is overwritten.
    /// </summary>
    private void Apply(IReadOnlyList<(string DocumentId, IReadOnlyList<IndexedChunk> Chunks)> documents)
    {
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(EmbeddedSearchIndex));
            if (_slots is null && documents.All(d => d.Chunks.Count == 0))
            {
                return; // nothing was ever indexed, so there is nothing to delete
            }

            var slots = _slots ?? new ChunkSlots(FirstDimension(documents));
            Validate(documents, slots.Dimension);

            // Validation ran before any change, so the steps below fail only when the process is in trouble anyway.
            var staged = new List<(string DocumentId, (IndexedChunk Chunk, int Slot)[] Chunks)>(documents.Count);
            foreach (var (documentId, chunks) in documents)
            {
                var placed = new (IndexedChunk Chunk, int Slot)[chunks.Count];
                for (var i = 0; i < chunks.Count; i++)
                {
                    placed[i] = (chunks[i], slots.Reserve());
                }

                _keyword.Replace(documentId, placed);
                staged.Add((documentId, placed));
            }

            var searcher = _keyword.Reopen();
            IndexSearcher previous;
            _visibility.EnterWriteLock();
            try
            {
                previous = _keyword.Publish(searcher);
                foreach (var (documentId, placed) in staged)
                {
                    Publish(slots, documentId, placed);
                }

                _slots = slots;
            }
            finally
            {
                _visibility.ExitWriteLock();
            }

            _keyword.Release(previous);
        }
    }

    private void Publish(ChunkSlots slots, string documentId, (IndexedChunk Chunk, int Slot)[] placed)
    {
        if (_slotsByDocument.Remove(documentId, out var oldSlots))
        {
            foreach (var slot in oldSlots)
            {
                _documentByChunk.Remove(slots.ChunkAt(slot)!.ChunkId);
                slots.Release(slot);
            }

            _count -= oldSlots.Length;
        }

        if (placed.Length == 0)
        {
            return;
        }

        var newSlots = new int[placed.Length];
        for (var i = 0; i < placed.Length; i++)
        {
            var (chunk, slot) = placed[i];
            _tenants.TryAdd(chunk.Tenant, 0);
            slots.Commit(slot, chunk, _scopeIds.GetOrAdd(IndexScope.Of(chunk.Tenant, chunk.Collection), static (_, ids) => ids.Count, _scopeIds));
            _documentByChunk[chunk.ChunkId] = documentId;
            newSlots[i] = slot;
        }

        _slotsByDocument[documentId] = newSlots;
        _count += placed.Length;
    }

    private void Validate(IReadOnlyList<(string DocumentId, IReadOnlyList<IndexedChunk> Chunks)> documents, int dimension)
    {
        var seen = new HashSet<Guid>();
        foreach (var (documentId, chunks) in documents)
        {
            foreach (var chunk in chunks)
            {
                ArgumentNullException.ThrowIfNull(chunk.Collection, nameof(IndexedChunk.Collection));
                ArgumentNullException.ThrowIfNull(chunk.Tenant, nameof(IndexedChunk.Tenant));
                if (chunk.Embedding.Length != dimension)
                {
                    throw new ArgumentException($"Chunk {chunk.ChunkId} has {chunk.Embedding.Length} dimensions; the index holds {dimension}.");
                }

                if (!seen.Add(chunk.ChunkId) ||
                    (_documentByChunk.TryGetValue(chunk.ChunkId, out var owner) && owner != documentId))
                {
                    throw new ArgumentException($"Chunk id {chunk.ChunkId} is used twice; chunk ids must be unique across documents.");
                }
            }
        }
    }

    private static int FirstDimension(IReadOnlyList<(string DocumentId, IReadOnlyList<IndexedChunk> Chunks)> documents)
    {
        var first = documents.First(d => d.Chunks.Count > 0).Chunks[0];
        return first.Embedding.Length > 0 ? first.Embedding.Length : throw new ArgumentException($"Chunk {first.ChunkId} has no embedding.");
    }
}
