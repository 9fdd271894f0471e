using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Api.Security;
using RagPlatform.Api.RateLimiting;

namespace RagPlatform.Api.Admin;

/// <summary>
/// Operator endpoints: an admin caller AND the deployment's service token. Reconciling works on the whole
/// index (every tenant), which is why a tenant's admin role alone is not enough.
/// </summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Admin")
            .RequireAuthorization(Policies.Administer)
            .AddEndpointFilter<ServiceTokenFilter>();
        group.RequireRateLimiting(RateLimitGroups.Admin);

        group.MapPost("/reconcile", ReconcileAsync).WithName("ReconcileIndex")
            .WithSummary("Find and repair drift between PostgreSQL and the search index; reports what it fixed.");
        group.MapApiKeys();
        group.MapBackups();

        return group;
    }

    public static async Task<Ok<ReconcileReport>> ReconcileAsync(IndexReconciler reconciler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reconciler.ReconcileAsync(cancellationToken));
}
