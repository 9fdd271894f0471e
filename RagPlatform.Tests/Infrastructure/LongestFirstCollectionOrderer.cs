using Xunit.Sdk;
using Xunit.v3;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// Starts the chaos scenario first and then the collections of integration tests (by their Category trait), the rest
/// after them. Collections run side by side, so the suite lasts about as long as its longest collection only if that
/// one starts at once; started last, it would run alone at the end.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        testCollections.OrderBy(c => Rank(c)).ThenBy(c => c.UniqueID, StringComparer.Ordinal).ToArray();

    private static int Rank(ITestCollection collection) =>
        collection.Traits.TryGetValue("Category", out var categories)
            ? categories.Contains("Chaos") ? 0 : categories.Contains("Integration") ? 1 : 2
            : 2;
}
