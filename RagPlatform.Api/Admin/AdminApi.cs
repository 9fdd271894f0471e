using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Api.RateLimiting;

namespace RagPlatform.Api.Admin;

public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Admin");
        group.RequireRateLimiting(RateLimitGroups.Admin);

        group.MapPost("/reconcile", ReconcileAsync).WithName("ReconcileIndex")
            .WithSummary("Find and repair drift between PostgreSQL and the search index; reports what it fixed.");

        return group;
    }

    public static async Task<Ok<ReconcileReport>> ReconcileAsync(IndexReconciler reconciler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reconciler.ReconcileAsync(cancellationToken));
}
