using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RagPlatform.Api.OpenApi;

/// <summary>
/// What every protected route can answer besides its own results, as RFC 9457 ProblemDetails (401 bad or missing
/// credentials, 403 wrong role or service token, 429 over the rate limit, 503 PostgreSQL unavailable; with a body, 400
/// malformed JSON and 413 too large), and which credentials it takes: a bearer token or an API key, plus the service
/// token under /api/v1/admin. Every error response is declared a ProblemDetails: the status-code pages middleware
/// writes one for an error result without a body (a bare NotFound).
/// </summary>
public sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    private static readonly (int Status, string Description)[] Common =
    [
        (StatusCodes.Status401Unauthorized, "No credentials, or a token or API key that is not valid (the detail says why)."),
        (StatusCodes.Status403Forbidden, "The caller's role (or, for admin routes, the service token) does not allow this."),
        (StatusCodes.Status429TooManyRequests, "Over the client's rate limit; Retry-After says when to try again."),
        (StatusCodes.Status503ServiceUnavailable, "A dependency (PostgreSQL) is unavailable; Retry-After says when to try again."),
    ];

    private static readonly (int Status, string Description)[] WithBody =
    [
        (StatusCodes.Status400BadRequest, "The body is malformed JSON, nested too deep, or a field is invalid (the detail names it)."),
        (StatusCodes.Status413PayloadTooLarge, "The body is larger than the route accepts."),
    ];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken);
        operation.Responses ??= new OpenApiResponses();
        foreach (var (_, response) in operation.Responses.Where(r => r.Key[0] is '4' or '5'))
        {
            if (response is OpenApiResponse { Content: null or { Count: 0 } } bare)
            {
                bare.Content = ProblemContent(problem);
            }
        }
        if (operation.RequestBody is not null)
        {
            Add(operation, WithBody, problem);
        }
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
        {
            return;
        }

        Add(operation, Common, problem);
        var admin = context.Description.RelativePath?.StartsWith("api/v1/admin", StringComparison.OrdinalIgnoreCase) == true;
        operation.Security = [Requirement(context, SecuritySchemesTransformer.Bearer, admin), Requirement(context, SecuritySchemesTransformer.ApiKey, admin)];
    }

    private static void Add(OpenApiOperation operation, (int Status, string Description)[] responses, IOpenApiSchema problem)
    {
        foreach (var (status, description) in responses)
        {
            operation.Responses!.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new OpenApiResponse { Description = description, Content = ProblemContent(problem) });
        }
    }

    private static Dictionary<string, OpenApiMediaType> ProblemContent(IOpenApiSchema problem) =>
        new() { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } };

    /// <summary>One way in: the scheme alone, or with the service token on admin routes (both headers at once).</summary>
    private static OpenApiSecurityRequirement Requirement(OpenApiOperationTransformerContext context, string scheme, bool withServiceToken)
    {
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] };
        if (withServiceToken)
        {
            requirement[new OpenApiSecuritySchemeReference(SecuritySchemesTransformer.ServiceToken, context.Document)] = [];
        }
        return requirement;
    }
}
