using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The embedded index's BM25 side: Lucene in memory. Each Lucene document carries its chunk's slot as a
/// doc value, so a hit maps to the chunk table without loading stored fields or allocating strings.
/// Searches use one published searcher. A writer reopens Lucene on its changes with <see cref="Reopen"/> while
/// searches go on, then <see cref="EmbeddedIndexStore"/> swaps the new searcher in with <see cref="Publish"/> under
/// its exclusive lock, together with the dense side's changes: the reopen, which costs milliseconds on a large
/// index, never blocks a search.
/// </summary>
internal sealed partial class KeywordIndex : IDisposable
{
    private const string ChunkIdField = "chunk_id";
    private const string DocumentIdField = "document_id";
    private const string ScopeField = "scope";
    private const string TenantField = "tenant";
    private const string BodyField = "text";
    private const string TitleField = "title";
    private const string IdentifierField = "identifier";
    private const string SlotField = "slot";

    /// <summary>BooleanQuery allows 1024 clauses by default: each term adds two (text and title), an identifier one more, feedback at most 100.</summary>
    private const int MaxQueryTerms = 256;

    private readonly Analyzer _analyzer = new PerFieldAnalyzerWrapper(
        LuceneText.CreateAnalyzer(),
        new Dictionary<string, Analyzer> { [IdentifierField] = new WhitespaceAnalyzer(LuceneText.Version) });
    private readonly SnapshotRamDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly ScopeFilterCache _scopeFilters = new(scope => LuceneFilters.For(ScopeTerm(scope), TenantTerm(scope), null));
    private readonly float _titleBoost;
    private readonly float _identifierBoost;
    private IndexSearcher _published;

    public KeywordIndex(RetrievalOptions options)
    {
        _titleBoost = options.TitleBoost;
        _identifierBoost = options.IdentifierBoost;
        var similarity = new BM25Similarity(options.Bm25K1, options.Bm25B);
        var config = new IndexWriterConfig(LuceneText.Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = similarity,
            // Fewer, larger segments from a bulk load: each query term is looked up once per segment, and at
            // 50k chunks the default 16 MB left enough segments to allocate 700 KB per query instead of 190 KB.
            RAMBufferSizeMB = 64,
            // Compound files are read through one shared, locked input per segment: under concurrent searches that
            // lock was 13% of the API's CPU (spinning). Separate files are read through unshared clones.
            UseCompoundFile = false,
            MergePolicy = new TieredMergePolicy { NoCFSRatio = 0.0 },
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
    /// <param name="expansion">Extra body terms with their boosts (pseudo-relevance feedback), or null.</param>
    /// <param name="scores">Receives each hit's BM25 score, when not empty.</param>
    public int Search(string text, KeywordScope scope, Span<int> slots, MetadataFilter? metadata = null,
        IReadOnlyList<(string Term, float Boost)>? expansion = null, Span<float> scores = default)
    {
        var query = BuildQuery(text, expansion);
        if (query is null || slots.IsEmpty)
        {
            return 0;
        }

        var filter = metadata is null
            ? _scopeFilters.For(scope)
            : LuceneFilters.For(ScopeTerm(scope), TenantTerm(scope), metadata);
        var searcher = _published;
        var collector = new TopDocsCollector(slots.Length);
        searcher.Search(LuceneFilters.Apply(query, filter), collector);
        var (docs, docScores) = collector.BestFirst();
        var leaves = searcher.IndexReader.Leaves;
        for (var i = 0; i < docs.Length; i++)
        {
            var doc = docs.Span[i];
            var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
            var slotValues = leaf.AtomicReader.GetNumericDocValues(SlotField);
            if (!scores.IsEmpty)
            {
                scores[i] = docScores.Span[i];
            }

            slots[i] = (int)slotValues.Get(doc - leaf.DocBase);
        }

        return docs.Length;
    }

    /// <summary>
    /// The <paramref name="count"/> terms that best characterise <paramref name="texts"/> (the feedback passages) and
    /// are not in <paramref name="queryText"/>: each term weighs the sum over passages of its share of the passage's
    /// terms, times its BM25 IDF in the published index, so words common to the feedback but rare in the collection win.
    /// Boosts are scaled so the strongest term gets <paramref name="maxBoost"/>. Call under the same lock as <see cref="Search"/>.
    /// </summary>
    public IReadOnlyList<(string Term, float Boost)> FeedbackTerms(string queryText, IEnumerable<string> texts, int count, float maxBoost)
    {
        var queryTerms = LuceneText.CountTerms(_analyzer, BodyField, queryText, MaxQueryTerms);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var counts = LuceneText.CountTerms(_analyzer, BodyField, text);
            var total = 0;
            foreach (var n in counts.Values)
            {
                total += n;
            }

            foreach (var (term, n) in counts)
            {
                if (!queryTerms.ContainsKey(term))
                {
                    weights[term] = weights.GetValueOrDefault(term) + (double)n / total;
                }
            }
        }

        if (weights.Count == 0 || count <= 0)
        {
            return [];
        }

        // Best weight first, so the IDF lookups (a terms-dictionary seek per segment each) can stop early: no term can
        // score more than its weight times the IDF of a term found once, and the rest of the list weighs less still.
        var candidates = weights.ToArray();
        Array.Sort(candidates, static (a, b) => b.Value.CompareTo(a.Value));
        var reader = _published.IndexReader;
        var documents = reader.NumDocs;
        // One terms enumerator for every lookup: IndexReader.DocFreq would make one per segment per term.
        var bodyTerms = MultiFields.GetTerms(reader, BodyField)?.GetEnumerator();
        var bytes = new BytesRef();
        var highestIdf = Idf(documents, 1);
        var best = new PriorityQueue<string, double>(count + 1);
        foreach (var (term, weight) in candidates)
        {
            if (best.Count == count && best.TryPeek(out _, out var weakest) && weight * highestIdf <= weakest)
            {
                break;
            }

            bytes.CopyChars(term);
            var frequency = bodyTerms is not null && bodyTerms.SeekExact(bytes) ? bodyTerms.DocFreq : 0;
            var score = weight * Idf(documents, frequency);
            if (score <= 0)
            {
                continue;
            }

            best.Enqueue(term, score);
            if (best.Count > count)
            {
                best.Dequeue();
            }
        }

        var terms = new (string Term, float Boost)[best.Count];
        for (var i = terms.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var term, out var score); // weakest first
            terms[i] = (term!, (float)score);
        }

        var top = terms.Length > 0 ? terms[0].Boost : 1f;
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i].Boost = maxBoost * terms[i].Boost / top;
        }

        return terms;
    }

    /// <summary>BM25's (Lucene's) inverse document frequency.</summary>
    private static double Idf(int documents, int frequency) => Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));

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
    private BooleanQuery? BuildQuery(string text, IReadOnlyList<(string Term, float Boost)>? expansion)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var terms = LuceneText.CountTerms(_analyzer, BodyField, text, MaxQueryTerms);
        var identifiers = _identifierBoost > 0 ? Identifiers.In(text) : [];
        if (terms.Count == 0 && identifiers.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery();
        foreach (var identifier in identifiers.Take(MaxQueryTerms))
        {
            query.Add(new TermQuery(new Term(IdentifierField, identifier)) { Boost = _identifierBoost }, Occur.SHOULD);
        }

        foreach (var term in terms.Keys)
        {
            query.Add(new TermQuery(new Term(BodyField, term)), Occur.SHOULD);
            if (_titleBoost > 0)
            {
                query.Add(new TermQuery(new Term(TitleField, term)) { Boost = _titleBoost }, Occur.SHOULD);
            }
        }

        if (expansion is not null)
        {
            foreach (var (term, boost) in expansion)
            {
                query.Add(new TermQuery(new Term(BodyField, term)) { Boost = boost }, Occur.SHOULD);
            }
        }

        return query;
    }

    private static Term DocumentTerm(string documentId) => new(DocumentIdField, documentId);

    private static Term? ScopeTerm(KeywordScope scope) => scope.Scope is null ? null : new Term(ScopeField, scope.Scope);

    private static Term? TenantTerm(KeywordScope scope) => scope.Tenant is null ? null : new Term(TenantField, scope.Tenant);

    private static Document ToDocument(IndexedChunk chunk, int slot) =>
    [
        new StringField(ChunkIdField, chunk.ChunkId.ToString("N"), Field.Store.YES),
        new StringField(DocumentIdField, chunk.DocumentId, Field.Store.NO),
        new StringField(ScopeField, IndexScope.Of(chunk.Tenant, chunk.Collection), Field.Store.NO),
        new StringField(TenantField, chunk.Tenant, Field.Store.NO),
        new TextField(BodyField, chunk.Text ?? string.Empty, Field.Store.NO),
        new TextField(TitleField, chunk.Title ?? string.Empty, Field.Store.NO),
        new TextField(IdentifierField, Identifiers.Field($"{chunk.Title} {chunk.Text}"), Field.Store.NO),
        new NumericDocValuesField(SlotField, slot),
        .. LuceneFilters.MetadataFields(chunk.Metadata),
    ];

    private sealed class Bm25SearcherFactory(BM25Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
