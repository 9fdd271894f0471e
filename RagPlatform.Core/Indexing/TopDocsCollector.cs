using Lucene.Net.Index;
using Lucene.Net.Search;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The best n documents of a Lucene search, kept as (document, score) pairs in two arrays with the same order as
/// Lucene's own top-docs collector (higher score first, the lower document on a tie). Lucene's keeps a heap of
/// ScoreDoc objects: with the feedback query's thirty-odd clauses most documents match, and moving those objects
/// around the heap (each store a type-checked reference write) was 13 % of the ranker's CPU under load. This one
/// also accepts documents out of order, which lets a pure disjunction use Lucene's windowed bulk scorer.
/// </summary>
internal sealed class TopDocsCollector(int size) : ICollector
{
    private readonly int[] _docs = new int[size];
    private readonly float[] _scores = new float[size];
    private Scorer? _scorer;
    private int _docBase;
    private int _count;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

    public void Collect(int doc)
    {
        var top = new BoundedTopK(_docs, _scores, _count);
        top.Offer(_docBase + doc, _scorer!.GetScore());
        _count = top.Count;
    }

    /// <summary>The kept documents (index-wide ids) and their scores, best first; call once, after the search.</summary>
    public (ReadOnlyMemory<int> Docs, ReadOnlyMemory<float> Scores) BestFirst()
    {
        var count = new BoundedTopK(_docs, _scores, _count).SortBestFirst();
        return (_docs.AsMemory(0, count), _scores.AsMemory(0, count));
    }
}
