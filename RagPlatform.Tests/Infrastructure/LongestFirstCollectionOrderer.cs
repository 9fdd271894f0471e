using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace RagPlatform.Tests.Infrastructure;

/// <summary>
/// Starts the chaos scenario first and then the collections of integration tests (by their Category trait, on the
/// collection definition or, for a class in a collection of its own, on the class), the rest after them. Collections
/// run side by side, so the suite lasts about as long as its longest collection only if that one starts at once;
/// started late, a long collection runs alone at the end.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    private const string ImplicitPrefix = "Test collection for ";

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        testCollections.OrderBy(c => Rank(Categories(c))).ThenBy(c => c.UniqueID, StringComparer.Ordinal).ToArray();

    private static int Rank(IEnumerable<string> categories) =>
        categories.Contains("Chaos") ? 0 : categories.Contains("Integration") ? 1 : 2;

    private static IEnumerable<string> Categories(ITestCollection collection)
    {
        if (collection.Traits.TryGetValue("Category", out var categories) && categories.Count > 0)
        {
            return categories;
        }
        // A class without a collection attribute is a collection of its own, named after it.
        var name = collection.TestCollectionDisplayName;
        var className = collection.TestCollectionClassName
            ?? (name.StartsWith(ImplicitPrefix, StringComparison.Ordinal) ? name[ImplicitPrefix.Length..].Split(' ')[0] : null);
        var type = className is null ? null : typeof(LongestFirstCollectionOrderer).Assembly.GetType(className);
        return type?.GetCustomAttributes<TraitAttribute>().Where(t => t.Name == "Category").Select(t => t.Value) ?? [];
    }
}
