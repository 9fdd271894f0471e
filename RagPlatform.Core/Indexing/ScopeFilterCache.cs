using System.Collections.Concurrent;
using Lucene.Net.Search;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The tenant and collection filters of the keyword side, each cached as a bit set per index segment (Lucene's
/// CachingWrapperFilter: segments outlive a reopen, deletions are applied on top), so a search does not run the
/// filter's term queries again. Filters with metadata conditions are not cached; the cache forgets everything
/// when it holds <see cref="Capacity"/> scopes, so no number of tenants or collections makes it grow without bound.
/// </summary>
internal sealed class ScopeFilterCache(Func<KeywordScope, Filter?> create)
{
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<KeywordScope, Filter?> _filters = new();

    public Filter? For(KeywordScope scope)
    {
        if (_filters.TryGetValue(scope, out var cached))
        {
            return cached;
        }
        if (_filters.Count >= Capacity)
        {
            _filters.Clear();
        }
        return _filters.GetOrAdd(scope, s => create(s) is { } filter ? new CachingWrapperFilter(filter) : null);
    }
}
