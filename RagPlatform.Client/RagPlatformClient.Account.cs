namespace RagPlatform.Client;

public sealed partial class RagPlatformClient
{
    /// <summary>
    /// Who this client's credentials are, as the API sees them: subject, tenant and roles. A 401 (a
    /// <see cref="RagPlatformApiException"/>) means the API refuses them, and its detail says why.
    /// </summary>
    public Task<Caller> GetCallerAsync(CancellationToken cancellationToken = default) =>
        SendAsync<Caller>(new HttpRequestMessage(HttpMethod.Get, "api/v1/me"), cancellationToken);
}

/// <summary>
/// The caller of the API. <see cref="Roles"/> are the roles granted (<c>reader</c>, <c>writer</c>, <c>admin</c>); they are
/// cumulative: a writer also reads, an admin does everything.
/// </summary>
/// <param name="Scheme">How the caller signed in: <c>Bearer</c> (the API's own token), <c>Oidc</c> (the organisation's identity provider) or <c>ApiKey</c>.</param>
/// <param name="ApiKeyId">The API key's id, when the caller presented one.</param>
public sealed record Caller(string Subject, string Tenant, IReadOnlyList<string> Roles, string Scheme, string? ApiKeyId = null);
