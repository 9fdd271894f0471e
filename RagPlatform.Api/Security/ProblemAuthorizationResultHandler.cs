using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace RagPlatform.Api.Security;

/// <summary>A 403 names the role the endpoint needs; everything else is the framework's default handling.</summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var roles = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>()
                .SelectMany(requirement => requirement.AllowedRoles).Distinct().ToArray() ?? [];
            return AuthProblems.WriteForbiddenAsync(context, roles.Length > 0
                ? $"This needs one of the roles: {string.Join(", ", roles)}."
                : "Your credentials do not allow this.");
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
