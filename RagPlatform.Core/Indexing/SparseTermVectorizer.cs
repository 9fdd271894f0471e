using System.Text;
using Lucene.Net.Analysis;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Turns text into BM25-style sparse vectors for Qdrant. Terms come from the same English analysis as the
/// embedded index; each term is hashed to a stable index (FNV-1a), so no vocabulary has to be stored or shared.
/// A document's value per term is BM25's saturated term frequency; Qdrant's IDF modifier supplies the IDF
/// at query time, and a query's value is 1 per distinct term, so the dot product is BM25. Whole identifiers
/// (<c>XK-4471-B</c>, <see cref="Identifiers"/>) are terms too, hashed apart from words, as the embedded index's
/// identifier field keeps them; chunks stored before they were added simply lack those terms until re-indexed.
/// </summary>
public sealed class SparseTermVectorizer : IDisposable
{
    private const string Field = "text";

    /// <summary>Puts identifiers in a namespace of their own: no analysed word starts with a control character.</summary>
    private const string IdentifierPrefix = "\u0001id:";

    private readonly Analyzer _analyzer = LuceneText.CreateAnalyzer();
    private readonly double _k1;
    private readonly double _b;
    private readonly double _averageLength;

    /// <param name="k1">Term-frequency saturation, as in BM25.</param>
    /// <param name="b">Length normalisation, as in BM25.</param>
    /// <param name="averageLength">
    /// Average document length in terms. Qdrant does not know it, so it is fixed here; 256 is what Qdrant's own BM25 uses.
    /// </param>
    public SparseTermVectorizer(double k1 = 1.2, double b = 0.75, double averageLength = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k1);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(averageLength);
        (_k1, _b, _averageLength) = (k1, b, averageLength);
    }

    public SparseTermVector VectorizeDocument(string text)
    {
        var counts = CountByIndex(text, out var length);
        var lengthNorm = _k1 * (1 - _b + (_b * length / _averageLength));
        return ToVector(counts, tf => (float)(tf * (_k1 + 1) / (tf + lengthNorm)));
    }

    public SparseTermVector VectorizeQuery(string text) => ToVector(CountByIndex(text, out _), static _ => 1f);

    /// <summary>32-bit FNV-1a of the term's UTF-8 bytes: tiny, stable across processes and platforms (unlike string.GetHashCode).</summary>
    public static uint HashTerm(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(term))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    public void Dispose() => _analyzer.Dispose();

    // Two terms that hash alike become one dimension: their counts add, as a shared vocabulary entry would.
    private SortedDictionary<uint, int> CountByIndex(string text, out int length)
    {
        var byIndex = new SortedDictionary<uint, int>();
        length = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return byIndex;
        }

        foreach (var (term, count) in LuceneText.CountTerms(_analyzer, Field, text))
        {
            var index = HashTerm(term);
            byIndex[index] = byIndex.GetValueOrDefault(index) + count;
            length += count;
        }

        foreach (var identifier in Identifiers.In(text))
        {
            var index = HashTerm(IdentifierPrefix + identifier);
            byIndex[index] = byIndex.GetValueOrDefault(index) + 1;
            length++;
        }

        return byIndex;
    }

    private static SparseTermVector ToVector(SortedDictionary<uint, int> counts, Func<int, float> value)
    {
        var indices = new uint[counts.Count];
        var values = new float[counts.Count];
        var i = 0;
        foreach (var (index, count) in counts)
        {
            indices[i] = index;
            values[i++] = value(count);
        }

        return new SparseTermVector(indices, values);
    }
}
