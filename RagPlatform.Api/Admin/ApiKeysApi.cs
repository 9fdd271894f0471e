using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RagPlatform.Api.Security;
using RagPlatform.Core.ApiKeys;

namespace RagPlatform.Api.Admin;

/// <summary>Body of POST /api/v1/admin/api-keys: a name to recognise the key by and the roles it carries.</summary>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Roles);

/// <summary>The new key; <see cref="Secret"/> is shown this once and never stored.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, IReadOnlyList<string> Roles, string Secret, DateTimeOffset CreatedAt);

/// <summary>API keys for machine clients, always within the calling admin's tenant.</summary>
public static class ApiKeysApi
{
    public static void MapApiKeys(this RouteGroupBuilder admin)
    {
        admin.MapPost("/api-keys", CreateAsync).WithName("CreateApiKey")
            .WithSummary("Create an API key in your tenant; its secret (X-Api-Key) is in this response only.");
        admin.MapGet("/api-keys", ListAsync).WithName("ListApiKeys").WithSummary("Your tenant's API keys, without secrets.");
        admin.MapDelete("/api-keys/{id:guid}", RevokeAsync).WithName("RevokeApiKey")
            .WithSummary("Revoke one of your tenant's API keys (honoured within Auth:ApiKeyCacheDuration).");
    }

    public static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest body, ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 100)
        {
            errors["name"] = ["'name' is required: 1-100 characters."];
        }
        if (body.Roles is not { Count: > 0 } || body.Roles.Any(role => !Roles.All.Contains(role)))
        {
            errors["roles"] = [$"'roles' must name at least one of: {string.Join(", ", Roles.All)}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (key, secret) = await keys.CreateAsync(user.GetTenant(), body.Name!.Trim(), body.Roles!.Distinct().ToArray(), cancellationToken);
        return TypedResults.Created($"/api/v1/admin/api-keys/{key.Id}", new CreatedApiKey(key.Id, key.Name, key.Roles, secret, key.CreatedAt));
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListAsync(ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(user.GetTenant(), cancellationToken));

    public static async Task<Results<NoContent, NotFound>> RevokeAsync(
        Guid id, ClaimsPrincipal user, ApiKeyStore keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(user.GetTenant(), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
