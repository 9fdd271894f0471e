namespace RagPlatform.Core.Indexing;

/// <summary>
/// The hybrid search index: dense vectors plus BM25 keywords, fused into one ranking (by each backend its own way:
/// see the implementations).
/// Implementations: <see cref="EmbeddedSearchIndex"/> (in-process, one machine) and
/// <see cref="QdrantSearchIndex"/> (a Qdrant cluster). PostgreSQL stays the source of truth;
/// an index can always be rebuilt from it.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Replaces every chunk of one document in one step: a concurrent search sees the old set or the new one.</summary>
    Task UpsertDocumentAsync(string documentId, IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces several documents' chunks (grouped by <see cref="IndexedChunk.DocumentId"/>), each document in one step.
    /// By default one document at a time; a backend that can do the batch at lower cost does.
    /// </summary>
    async Task UpsertDocumentsAsync(IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken = default)
    {
        foreach (var document in chunks.GroupBy(c => c.DocumentId, StringComparer.Ordinal))
        {
            await UpsertDocumentAsync(document.Key, document.ToArray(), cancellationToken);
        }
    }

    /// <summary>Removes every chunk of a document; removing an unknown document is not an error.</summary>
    Task DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Every chunk the index holds, by document, so drift from PostgreSQL can be found and repaired.</summary>
    Task<IReadOnlyList<IndexedChunkId>> ListChunksAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Which document a chunk in an index belongs to.</summary>
public readonly record struct IndexedChunkId(string DocumentId, Guid ChunkId);
