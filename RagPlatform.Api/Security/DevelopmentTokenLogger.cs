using Microsoft.Extensions.Options;

namespace RagPlatform.Api.Security;

/// <summary>
/// Development only: logs a token for tenant "dev" with every role, so a developer who pressed F5 can copy a
/// working curl line from the API's console in the Aspire dashboard. The signing key and service token are the
/// AppHost's generated parameters (shown, masked, on the dashboard's Parameters page).
/// </summary>
public sealed class DevelopmentTokenLogger(JwtTokenIssuer issuer, IOptions<AuthOptions> options, ILogger<DevelopmentTokenLogger> logger) : IHostedService
{
    public const string Tenant = "dev";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.LogDevelopmentToken)
        {
            var token = issuer.Create("developer", Tenant, Roles.All, Lifetime);
            logger.LogWarning(
                "Development credentials (tenant '{Tenant}', roles reader, writer, admin; valid {Hours} h). Call the API with: " +
                "curl -H \"Authorization: Bearer {Token}\" http://localhost:5080/api/v1/documents  — admin endpoints also need " +
                "-H \"X-Service-Token: {ServiceToken}\". Never enabled outside Development.",
                Tenant, Lifetime.TotalHours, token, options.Value.ServiceToken);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
