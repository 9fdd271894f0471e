using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Hybrid index inside the process, for one machine: exact dense scan plus Lucene BM25, fused by a convex combination
/// of their scores (or by RRF: <see cref="RetrievalOptions.Fusion"/>) with a pseudo-relevance feedback pass.
/// What it holds, and how writes become visible (a search sees a document entirely before or entirely after an
/// upsert), is <see cref="EmbeddedIndexStore"/>'s; how a query is ranked, <see cref="EmbeddedIndexRanker"/>'s.
/// Rebuild it from PostgreSQL with <see cref="Load"/>.
/// </summary>
public sealed class EmbeddedSearchIndex : ISearchIndex, IDisposable
{
    private readonly EmbeddedIndexStore _store;
    private readonly EmbeddedIndexRanker _ranker;

    /// <param name="dimension">Vector length; when null it is taken from the first chunk written.</param>
    /// <param name="options">How to rank; the defaults when null.</param>
    public EmbeddedSearchIndex(int? dimension = null, RetrievalOptions? options = null)
    {
        options ??= new RetrievalOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        if (dimension is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d, nameof(dimension));
        }

        _store = new EmbeddedIndexStore(dimension, options);
        _ranker = new EmbeddedIndexRanker(options);
    }

    /// <summary>How many chunks are searchable.</summary>
    public int Count => _store.Count;

    /// <summary>
    /// Adds many documents' chunks (grouped by <see cref="IndexedChunk.DocumentId"/>) with one Lucene refresh
    /// at the end, for building the index at start. A document already present is replaced.
    /// </summary>
    public void Load(IEnumerable<IndexedChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        _store.Load(chunks);
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

        _store.Replace(documentId, chunks);
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
        _store.Replace(documentId, []);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IndexedChunkId>> ListChunksAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_store.ListChunks());

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.TopK, nameof(request));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_ranker.Search(request, _store));
    }

    public void Dispose() => _store.Dispose();
}
