using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The embedded index's BM25 side: Lucene in memory. Each Lucene document carries its chunk's slot as a
/// doc value, so a hit maps to the chunk table without loading stored fields or allocating strings.
/// Searches use one published searcher. A writer reopens Lucene on its changes with <see cref="Reopen"/> while
/// searches go on, then <see cref="EmbeddedSearchIndex"/> swaps the new searcher in with <see cref="Publish"/> under
/// its exclusive lock, together with the dense side's changes: the reopen, which costs milliseconds on a large
/// index, never blocks a search.
/// </summary>
internal sealed class KeywordIndex : IDisposable
{
    private const string ChunkIdField = "chunk_id";
    private const string DocumentIdField = "document_id";
    private const string ScopeField = "scope";
    private const string TenantField = "tenant";
    private const string BodyField = "text";
    private const string TitleField = "title";
    private const string SlotField = "slot";

    /// <summary>BooleanQuery allows 1024 clauses by default and each term adds two (text and title).</summary>
    private const int MaxQueryTerms = 256;

    private readonly Analyzer _analyzer = LuceneText.CreateAnalyzer();
    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly float _titleBoost;
    private IndexSearcher _published;

    public KeywordIndex(RetrievalOptions options)
    {
        _titleBoost = options.TitleBoost;
        var similarity = new BM25Similarity(options.Bm25K1, options.Bm25B);
        var config = new IndexWriterConfig(LuceneText.Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = similarity,
            // Fewer, larger segments from a bulk load: each query term is looked up once per segment, and at
            // 50k chunks the default 16 MB left enough segments to allocate 700 KB per query instead of 190 KB.
            RAMBufferSizeMB = 64,
        };
        _writer = new IndexWriter(_directory, config);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory(similarity));
        _published = _searchers.Acquire();
    }

    /// <summary>Queues the replacement of a document's chunks; an empty list deletes the document.</summary>
    public void Replace(string documentId, IEnumerable<(IndexedChunk Chunk, int Slot)> chunks)
        => _writer.UpdateDocuments(DocumentTerm(documentId), chunks.Select(c => ToDocument(c.Chunk, c.Slot)));

    /// <summary>A searcher over every queued change, not yet used by searches. Writers only.</summary>
    public IndexSearcher Reopen()
    {
        _searchers.MaybeRefreshBlocking();
        return _searchers.Acquire();
    }

    /// <summary>
    /// Makes <paramref name="next"/> the searcher of every later search; call under the exclusive lock. Returns
    /// the previous one, to pass to <see cref="Release"/> once the lock is left and no search can hold it.
    /// </summary>
    public IndexSearcher Publish(IndexSearcher next)
    {
        var previous = _published;
        _published = next;
        return previous;
    }

    public void Release(IndexSearcher searcher) => _searchers.Release(searcher);

    /// <summary>Ranks chunks by BM25 into <paramref name="slots"/>, best first; returns how many matched.</summary>
    public int Search(string text, KeywordScope scope, Span<int> slots, MetadataFilter? metadata = null)
    {
        var query = BuildQuery(text);
        if (query is null || slots.IsEmpty)
        {
            return 0;
        }

        var filter = LuceneFilters.For(scope.Scope is null ? null : new Term(ScopeField, scope.Scope),
            scope.Tenant is null ? null : new Term(TenantField, scope.Tenant), metadata);
        var searcher = _published;
        var top = searcher.Search(query, filter, slots.Length);
        var leaves = searcher.IndexReader.Leaves;
        var count = 0;
        foreach (var scoreDoc in top.ScoreDocs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
            var slotValues = leaf.AtomicReader.GetNumericDocValues(SlotField);
            slots[count++] = (int)slotValues.Get(scoreDoc.Doc - leaf.DocBase);
        }

        return count;
    }

    public void Dispose()
    {
        _searchers.Release(_published);
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    /// <summary>
    /// One SHOULD clause per analysed term instead of a query parser: user text is never syntax here,
    /// so quotes, brackets and operators cannot make a search fail.
    /// </summary>
    private BooleanQuery? BuildQuery(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var terms = LuceneText.CountTerms(_analyzer, BodyField, text, MaxQueryTerms);
        if (terms.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery();
        foreach (var term in terms.Keys)
        {
            query.Add(new TermQuery(new Term(BodyField, term)), Occur.SHOULD);
            if (_titleBoost > 0)
            {
                query.Add(new TermQuery(new Term(TitleField, term)) { Boost = _titleBoost }, Occur.SHOULD);
            }
        }

        return query;
    }

    private static Term DocumentTerm(string documentId) => new(DocumentIdField, documentId);

    private static Document ToDocument(IndexedChunk chunk, int slot) =>
    [
        new StringField(ChunkIdField, chunk.ChunkId.ToString("N"), Field.Store.YES),
        new StringField(DocumentIdField, chunk.DocumentId, Field.Store.NO),
        new StringField(ScopeField, IndexScope.Of(chunk.Tenant, chunk.Collection), Field.Store.NO),
        new StringField(TenantField, chunk.Tenant, Field.Store.NO),
        new TextField(BodyField, chunk.Text ?? string.Empty, Field.Store.NO),
        new TextField(TitleField, chunk.Title ?? string.Empty, Field.Store.NO),
        new NumericDocValuesField(SlotField, slot),
        .. LuceneFilters.MetadataFields(chunk.Metadata),
    ];

    private sealed class Bm25SearcherFactory(BM25Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
