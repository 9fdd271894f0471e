using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The keyword side's filters: collection and document metadata as untokenised terms, so a filter value is
/// matched exactly and is never query syntax, whatever characters it holds.
/// </summary>
internal static class LuceneFilters
{
    /// <summary>Each metadata entry is a StringField named <c>meta.{key}</c>; no other field name has a dot.</summary>
    public const string MetadataPrefix = "meta.";

    public static IEnumerable<StringField> MetadataFields(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is null ? [] : metadata.Select(pair => new StringField(MetadataPrefix + pair.Key, pair.Value, Field.Store.NO));

    /// <summary>Null when nothing is filtered; else every condition MUST hold, any value of a key SHOULD.</summary>
    public static Filter? For(Term? scope, Term? tenant, MetadataFilter? metadata)
    {
        if (scope is null && tenant is null && metadata is null)
        {
            return null;
        }

        var query = new BooleanQuery();
        foreach (var term in (ReadOnlySpan<Term?>)[scope, tenant])
        {
            if (term is not null)
            {
                query.Add(new TermQuery(term), Occur.MUST);
            }
        }
        foreach (var (key, values) in metadata?.Conditions ?? [])
        {
            var anyValue = new BooleanQuery();
            foreach (var value in values)
            {
                anyValue.Add(new TermQuery(new Term(MetadataPrefix + key, value)), Occur.SHOULD);
            }
            query.Add(anyValue, Occur.MUST);
        }
        return new QueryWrapperFilter(query);
    }

    /// <summary>
    /// The query restricted to the filter's documents. A filter with random-access bits (a cached one) is handed to
    /// the scorers as their accepted documents, so the query's postings skip the rest as they are read, instead of
    /// the query and the filter leap-frogging each other's iterators.
    /// </summary>
    public static Query Apply(Query query, Filter? filter) =>
        filter is null ? query : new FilteredQuery(query, filter, AlwaysRandomAccess.Instance);

    private sealed class AlwaysRandomAccess : FilteredQuery.RandomAccessFilterStrategy
    {
        public static readonly AlwaysRandomAccess Instance = new();

        // The default takes random access only when the filter's first document is below 100.
        protected override bool UseRandomAccess(IBits bits, int firstFilterDoc) => true;
    }
}
