using System.Security.Claims;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly.Registry;
using RagPlatform.Api.Search;
using RagPlatform.Api.Security;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Resilience;
using RagPlatform.Core.Tenancy;

namespace RagPlatform.Api.Documents;

/// <summary>What the document handlers need, bound with [AsParameters].</summary>
public sealed record DocumentServices(
    NpgsqlDataSource DataSource,
    TimeProvider Time,
    IOptions<DocumentOptions> Options,
    ISearchIndex Index,
    IIndexVersion Version,
    ClaimsPrincipal User,
    ResiliencePipelineProvider<string> Pipelines)
{
    public string Tenant => User.GetTenant();

    /// <summary>The storage key of the caller's document (or idempotency key) <paramref name="id"/>: no other tenant's can be reached.</summary>
    public string Key(string id) => Tenants.DocumentKey(Tenant, id);

    /// <summary>
    /// A connection through the <c>postgres</c> pipeline: a short timeout instead of Npgsql's 15 s, and fail-fast while
    /// its breaker is open; DependencyUnavailableExceptionHandler turns either into 503 with Retry-After.
    /// </summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await Pipelines.GetPipeline(ResiliencePipelines.Postgres).ExecuteAsync(
            async token => await DataSource.OpenConnectionAsync(token), cancellationToken);
}
