using RagPlatform.Api.RateLimiting;
using RagPlatform.Api.Security;

namespace RagPlatform.Api.Documents;

/// <summary>
/// /api/v1/documents: what every document route shares (reader role, the documents rate-limit group, the id check);
/// each route, with its own role where it needs more, is mapped beside its handler.
/// </summary>
public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        // Every document handler works inside the caller's tenant: see DocumentServices.Key.
        var group = app.MapGroup("/api/v1/documents").WithTags("Documents").RequireAuthorization(Policies.Read);
        group.RequireRateLimiting(RateLimitGroups.Documents);
        group.AddEndpointFilter(DocumentIdFilter.RejectInvalidIdAsync).ProducesValidationProblem();

        group.MapUploadDocument();
        group.MapReplaceDocument();
        group.MapRetryDocument();
        group.MapReadDocuments();
        group.MapDeleteDocument();

        return group;
    }

    /// <summary>Where a client follows document <paramref name="id"/> (GET); the Location of every 202.</summary>
    internal static string DocumentUrl(string id) => $"/api/v1/documents/{Uri.EscapeDataString(id)}";
}
