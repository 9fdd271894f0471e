namespace RagPlatform.Core.Indexing;

/// <summary>
/// A search's hold on the embedded index's published state (<see cref="EmbeddedIndexStore.Read"/>): the chunk table,
/// the keyword index and the scopes stay as they are until it is disposed, so both retrievers read the same documents.
/// A ref struct, so it cannot outlive the search that took it.
/// </summary>
internal readonly ref struct EmbeddedIndexReader
{
    private readonly EmbeddedIndexStore _store;

    internal EmbeddedIndexReader(EmbeddedIndexStore store, ChunkSlots? slots, KeywordIndex keyword)
    {
        _store = store;
        Slots = slots;
        Keyword = keyword;
    }

    /// <summary>The chunk table; null while nothing was ever indexed.</summary>
    public ChunkSlots? Slots { get; }

    public KeywordIndex Keyword { get; }

    /// <inheritdoc cref="EmbeddedIndexStore.TryScope"/>
    public bool TryScope(SearchRequest request, out bool[]? allowed, out KeywordScope keywordScope) =>
        _store.TryScope(request, out allowed, out keywordScope);

    public void Dispose() => _store.EndRead();
}
