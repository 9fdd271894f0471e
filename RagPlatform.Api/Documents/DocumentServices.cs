using System.Security.Claims;
using Microsoft.Extensions.Options;
using Npgsql;
using RagPlatform.Api.Search;
using RagPlatform.Api.Security;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Api.Documents;

/// <summary>What the document handlers need, bound with [AsParameters].</summary>
public sealed record DocumentServices(
    GuardedDatabase Database,
    TimeProvider Time,
    IOptions<DocumentOptions> Options,
    ISearchIndex Index,
    IIndexVersion Version,
    ClaimsPrincipal User)
{
    public string Tenant => User.GetTenant();

    /// <summary>The storage key of the caller's document (or idempotency key) <paramref name="id"/>: no other tenant's can be reached.</summary>
    public string Key(string id) => Tenants.DocumentKey(Tenant, id);

    /// <summary>A connection for a write, opened through the <c>postgres</c> pipeline (see <see cref="GuardedDatabase"/>).</summary>
    public Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => Database.OpenConnectionAsync(cancellationToken);
}
