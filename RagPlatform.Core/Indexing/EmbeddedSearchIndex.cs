using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Numerics.Tensors;
using Lucene.Net.Search;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Hybrid index inside the process, for one machine: exact dense scan plus Lucene BM25, fused by RRF.
/// Writers are serialised and publish dense and keyword changes together under a short exclusive lock, so a
/// search sees a document entirely before or entirely after an upsert. Rebuild it from PostgreSQL with <see cref="Load"/>.
/// </summary>
public sealed class EmbeddedSearchIndex : ISearchIndex, IDisposable
{
    private readonly Lock _writeGate = new();
    private readonly ReaderWriterLockSlim _visibility = new(LockRecursionPolicy.NoRecursion);
    private readonly KeywordIndex _keyword;
    // A scope is one tenant's collection; each gets a small id that the chunk table stores per slot.
    private readonly ConcurrentDictionary<string, int> _scopeIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _tenants = new(StringComparer.Ordinal);
    private readonly RetrievalOptions _options;

    // Writer-only state (read and written under _writeGate): which slots each document owns, who owns each chunk id.
    private readonly Dictionary<string, int[]> _slotsByDocument = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, string> _documentByChunk = [];

    private ChunkSlots? _slots;
    private int _count;
    private bool _disposed;

    /// <param name="dimension">Vector length; when null it is taken from the first chunk written.</param>
    /// <param name="options">How to rank; the defaults when null.</param>
    public EmbeddedSearchIndex(int? dimension = null, RetrievalOptions? options = null)
    {
        _options = options ?? new RetrievalOptions();
        Validator.ValidateObject(_options, new ValidationContext(_options), validateAllProperties: true);
        _keyword = new KeywordIndex(_options);
        if (dimension is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d, nameof(dimension));
            _slots = new ChunkSlots(d);
        }
    }

    /// <summary>How many chunks are searchable.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Adds many documents' chunks (grouped by <see cref="IndexedChunk.DocumentId"/>) with one Lucene refresh
    /// at the end, for building the index at start. A document already present is replaced.
    /// </summary>
    public void Load(IEnumerable<IndexedChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
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

    public Task UpsertDocumentAsync(string documentId, IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var chunk in chunks)
        {
            if (chunk.DocumentId != documentId)
            {
                throw new ArgumentException($"Chunk {chunk.ChunkId} belongs to document {chunk.DocumentId}, not {documentId}.", nameof(chunks));
            }
        }

        Apply([(documentId, chunks)]);
        return Task.CompletedTask;
    }

    /// <summary>One <see cref="Load"/>: each document is still swapped whole, but the keyword index refreshes once per batch.</summary>
    public Task UpsertDocumentsAsync(IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Load(chunks);
        return Task.CompletedTask;
    }

    public Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Apply([(documentId, [])]);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IndexedChunkId>> ListChunksAsync(CancellationToken cancellationToken = default)
    {
        lock (_writeGate)
        {
            IReadOnlyList<IndexedChunkId> chunks = _documentByChunk.Select(pair => new IndexedChunkId(pair.Value, pair.Key)).ToArray();
            return Task.FromResult(chunks);
        }
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.TopK, nameof(request));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Search(request));
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

    private IReadOnlyList<SearchHit> Search(SearchRequest request)
    {
        var useDense = !request.Embedding.IsEmpty;
        var useKeyword = !string.IsNullOrWhiteSpace(request.Text);
        var dimension = Volatile.Read(ref _slots)?.Dimension;
        if (useDense && dimension is { } d && request.Embedding.Length != d)
        {
            throw new ArgumentException($"The query embedding has {request.Embedding.Length} dimensions; the index holds {d}.", nameof(request));
        }

        if (request.TopK == 0 || (!useDense && !useKeyword))
        {
            return [];
        }

        var depth = CandidateDepth.For(request.TopK) * _options.CandidateDepthFactor;
        var denseSlots = useDense ? new int[depth] : [];
        var denseScores = useDense ? new float[depth] : [];
        var keywordSlots = useKeyword ? new int[depth] : [];

        _visibility.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var slots = _slots;
            // Scopes are read under the lock: a tenant published meanwhile must not slip past the single-tenant fast path.
            if (slots is null || !TryScope(request, out var allowedScopes, out var keywordScope))
            {
                return [];
            }

            var keywordScores = useKeyword ? new float[depth] : [];
            var denseCount = useDense ? slots.Search(request.Embedding.Span, allowedScopes, denseSlots, denseScores, request.Filter) : 0;
            var keywordCount = useKeyword ? _keyword.Search(request.Text, keywordScope, keywordSlots, request.Filter, scores: keywordScores) : 0;
            // Only the retrievers asked enter fusion: an asked one that found nothing still weighs in a convex mean.
            var lists = new List<ScoredList<int>>(4);
            if (useDense)
            {
                lists.Add(Scored(Retrievers.Dense, denseSlots, denseScores, denseCount, _options.DenseWeight));
            }

            if (useKeyword)
            {
                lists.Add(Scored(Retrievers.Keyword, keywordSlots, keywordScores, keywordCount, _options.KeywordWeight));
            }

            var fused = Fuse(slots, lists, request.TopK);
            var listWeights = (useDense ? _options.DenseWeight : 0) + (useKeyword ? _options.KeywordWeight : 0);
            // Feedback needs both retrievers: its documents are the fused ones, so each side learns from what the other
            // found (and a one-retriever query, such as keyword-only while embeddings are down, stays an exact single pass).
            if (useDense && useKeyword && _options.FeedbackDocuments > 0 && fused.Count > 0)
            {
                var feedback = new int[Math.Min(_options.FeedbackDocuments, fused.Count)];
                for (var i = 0; i < feedback.Length; i++)
                {
                    feedback[i] = fused[i].Item;
                }

                var before = lists.Count;
                if (_options.DenseFeedbackWeight > 0)
                {
                    var expanded = Rocchio(slots, request.Embedding.Span, feedback, _options.DenseFeedbackWeight);
                    var found = slots.Search(expanded, allowedScopes, denseSlots = new int[depth], denseScores = new float[depth], request.Filter);
                    lists.Add(Scored(Retrievers.Dense, denseSlots, denseScores, found, _options.DenseWeight * _options.FeedbackListWeight));
                }

                if (_options.KeywordFeedbackTerms > 0)
                {
                    var texts = feedback.Select(slot => slots.ChunkAt(slot)?.Text ?? string.Empty);
                    var expansion = _keyword.FeedbackTerms(request.Text, texts, _options.KeywordFeedbackTerms, _options.KeywordFeedbackWeight);
                    var found = _keyword.Search(request.Text, keywordScope, keywordSlots = new int[depth], request.Filter, expansion, keywordScores = new float[depth]);
                    lists.Add(Scored(Retrievers.Keyword, keywordSlots, keywordScores, found, _options.KeywordWeight * _options.FeedbackListWeight));
                }

                for (var i = before; i < lists.Count; i++)
                {
                    listWeights += lists[i].Weight;
                }

                if (lists.Count > before)
                {
                    fused = Fuse(slots, lists, request.TopK);
                }
            }

            var hits = new List<SearchHit>(Math.Min(request.TopK, fused.Count));
            foreach (var item in fused)
            {
                if (hits.Count == request.TopK)
                {
                    break;
                }

                // Fused items come best first: once one is below the threshold, so is the rest.
                var score = _options.Fusion == FusionMethod.Convex
                    ? item.Score
                    : FusedScore.Normalise(item.Score, 1.0 / (_options.RrfK + 1), listWeights);
                if (score < request.MinScore)
                {
                    break;
                }

                // Both sides read the same published state, so a missing chunk is only a safety net.
                if (slots.ChunkAt(item.Item) is { } chunk)
                {
                    hits.Add(new SearchHit(chunk.ChunkId, chunk.DocumentId, chunk.Title, chunk.Text, chunk.Ordinal, score, item.FoundBy,
                        chunk.StartOffset, chunk.EndOffset, chunk.HeadingPath, chunk.PageNumber));
                }
            }

            return hits;
        }
        finally
        {
            _visibility.ExitReadLock();
        }
    }

    private IReadOnlyList<FusedItem<int>> Fuse(ChunkSlots slots, List<ScoredList<int>> lists, int topK)
    {
        if (_options.Fusion == FusionMethod.Convex && _options.OneChunkPerDocument)
        {
            return ConvexFusion.Fuse(lists, slot => slots.ChunkAt(slot)?.DocumentId, topK);
        }

        var ranked = lists.ConvertAll(static list => new RankedList<int>(list.Retriever, list.Items, list.Weight));
        return _options.OneChunkPerDocument
            ? DocumentFusion.Fuse(ranked, slot => slots.ChunkAt(slot)?.DocumentId, _options.RrfK, topK)
            : ReciprocalRankFusion.Fuse(ranked, _options.RrfK);
    }

    private static ScoredList<int> Scored(Retrievers retriever, int[] slots, float[] scores, int count, double weight) =>
        new(retriever, new ArraySegment<int>(slots, 0, count), new ArraySegment<float>(scores, 0, count), weight);

    /// <summary>Rocchio's update: the query plus <paramref name="weight"/> times the mean of the feedback vectors, unit length.</summary>
    private static float[] Rocchio(ChunkSlots slots, ReadOnlySpan<float> query, int[] feedback, double weight)
    {
        var expanded = query.ToArray();
        var scale = (float)(weight / feedback.Length);
        foreach (var slot in feedback)
        {
            TensorPrimitives.MultiplyAdd(slots.VectorAt(slot), scale, expanded, expanded);
        }

        var norm = TensorPrimitives.Norm(expanded);
        if (norm > 0)
        {
            TensorPrimitives.Divide(expanded, norm, expanded);
        }

        return expanded;
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
            ObjectDisposedException.ThrowIf(_disposed, this);
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

    /// <summary>
    /// Which scopes a search may see: false when it can find nothing (unknown tenant or collection). Null
    /// <paramref name="allowed"/> means every slot, when the index holds this tenant only (the single-tenant
    /// fast path); <paramref name="keywordScope"/> is the Lucene filter (a scope, or a whole tenant).
    /// </summary>
    private bool TryScope(SearchRequest request, out bool[]? allowed, out KeywordScope keywordScope)
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
