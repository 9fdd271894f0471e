namespace RagPlatform.Core.Indexing;

/// <summary>
/// A tenant's collection as the embedded index keys it: tenant and collection joined by a character no
/// tenant name holds, so "a" + "b/c" and "a/b" + "c" stay apart.
/// </summary>
internal static class IndexScope
{
    private const char Separator = '\u001F';

    public static string Of(string tenant, string collection) => string.Concat(tenant, Separator.ToString(), collection);

    public static string TenantPrefix(string tenant) => tenant + Separator;
}

/// <summary>What the keyword side filters on: one scope, or every collection of one tenant, or (both null) everything.</summary>
internal readonly record struct KeywordScope(string? Scope, string? Tenant);
