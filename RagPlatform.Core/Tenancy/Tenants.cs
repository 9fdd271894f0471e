using System.Buffers;

namespace RagPlatform.Core.Tenancy;

/// <summary>
/// Tenant names and tenant-scoped document keys. Every document belongs to one tenant; its key in storage
/// and in the indexes is <c>{tenant}/{id}</c>, so two tenants may both own a document called "readme" and
/// no lookup by key can cross from one tenant to another.
/// </summary>
public static class Tenants
{
    /// <summary>The tenant of callers whose credentials name none, and of documents written before tenancy.</summary>
    public const string Default = "default";

    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>1-64 letters, digits, '-', '_' or '.': never the '/' that separates a key's tenant from its id.</summary>
    public static bool IsValid(string? tenant) =>
        tenant is { Length: > 0 and <= MaxLength } && !tenant.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>The storage key of a tenant's document.</summary>
    public static string DocumentKey(string tenant, string id) => string.Concat(tenant, "/", id);

    /// <summary>The id a client knows a document by: its key without the tenant.</summary>
    public static string DocumentId(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? key : key[(slash + 1)..];
    }
}
