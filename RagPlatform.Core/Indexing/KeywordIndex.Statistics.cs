using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace RagPlatform.Core.Indexing;

/// <summary>What the keyword index tells the relevance model about a query (<see cref="RelevanceFeatures"/>).</summary>
internal sealed partial class KeywordIndex
{
    /// <summary>
    /// <see cref="KeywordQueryStatistics.Reference"/>: what a chunk holding each of the query's terms (words and whole
    /// identifiers) once, at average length, would score by BM25 without the title: the scale on which a hit's score says
    /// how much of the query it holds (<see cref="RelevanceFeatures.KeywordShare"/>). A term no chunk holds still counts,
    /// so a query of unknown words leaves every chunk a share near 0. Call under the same lock as <see cref="Search"/>.
    /// </summary>
    /// <remarks>
    /// Also finds the query's rarest term that some chunk holds (a word or a whole identifier), and how many chunks
    /// hold it: <see cref="Holding"/> then says which.
    /// </remarks>
    public KeywordQueryStatistics Statistics(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        var reader = _published.IndexReader;
        var statistics = new KeywordQueryStatistics(0, null, 0);
        Add(ref statistics, reader, BodyField, LuceneText.CountTerms(_analyzer, BodyField, text, MaxQueryTerms).Keys, 1);
        if (_identifierBoost > 0)
        {
            Add(ref statistics, reader, IdentifierField, Identifiers.In(text).Take(MaxQueryTerms), _identifierBoost);
        }

        return statistics;

        static void Add(ref KeywordQueryStatistics statistics, IndexReader reader, string field, IEnumerable<string> terms, double boost)
        {
            var enumerator = MultiFields.GetTerms(reader, field)?.GetEnumerator();
            var bytes = new BytesRef();
            foreach (var term in terms)
            {
                bytes.CopyChars(term);
                var frequency = enumerator is not null && enumerator.SeekExact(bytes) ? enumerator.DocFreq : 0;
                statistics = statistics with { Reference = statistics.Reference + (boost * Idf(reader.NumDocs, frequency)) };
                if (frequency > 0 && (statistics.Rarest is null || frequency < statistics.RarestFrequency))
                {
                    statistics = statistics with { Rarest = new Term(field, term), RarestFrequency = frequency };
                }
            }
        }
    }

    /// <summary>The slots of the chunks in <paramref name="scope"/> that hold <paramref name="term"/>, at most <paramref name="slots"/>' length.</summary>
    public int Holding(Term term, KeywordScope scope, Span<int> slots, MetadataFilter? metadata = null)
    {
        var filter = metadata is null ? _scopeFilters.For(scope) : LuceneFilters.For(ScopeTerm(scope), TenantTerm(scope), metadata);
        var searcher = _published;
        var top = searcher.Search(LuceneFilters.Apply(new TermQuery(term), filter), slots.Length);
        var leaves = searcher.IndexReader.Leaves;
        var count = 0;
        foreach (var scoreDoc in top.ScoreDocs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
            slots[count++] = (int)leaf.AtomicReader.GetNumericDocValues(SlotField).Get(scoreDoc.Doc - leaf.DocBase);
        }

        return count;
    }
}
