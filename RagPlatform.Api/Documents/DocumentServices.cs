using System.Security.Claims;
using Microsoft.Extensions.Options;
using RagPlatform.Api.Search;
using RagPlatform.Api.Security;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Api.Documents;

/// <summary>
/// What the document handlers need, bound with [AsParameters]. The stores reach PostgreSQL through GuardedDatabase, so
/// with it down every handler answers 503 within the postgres timeout.
/// </summary>
public sealed record DocumentServices(
    DocumentStore Documents,
    IngestionQueue Queue,
    IOptions<DocumentOptions> Options,
    IIndexVersion Version,
    ClaimsPrincipal User)
{
    public string Tenant => User.GetTenant();

    /// <summary>The storage key of the caller's document (or idempotency key) <paramref name="id"/>: no other tenant's can be reached.</summary>
    public string Key(string id) => Tenants.DocumentKey(Tenant, id);
}
