using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace RagPlatform.Web.Account;

/// <summary>
/// Signs each API call as the signed-in user: their bearer token or API key from the sign-in cookie's claims, found
/// through the circuit (interactive pages) or the request (everything else). A request that already carries
/// credentials (the API-key check at sign-in) is left alone.
/// </summary>
public sealed class UserCredentialsHandler(CircuitServicesAccessor circuit, IHttpContextAccessor http) : DelegatingHandler
{
    public const string ApiKeyHeader = "X-Api-Key";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && !request.Headers.Contains(ApiKeyHeader) && await CurrentUserAsync() is { } user)
        {
            if (user.FindFirst(WebClaims.AccessToken)?.Value is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            else if (user.FindFirst(WebClaims.ApiKey)?.Value is { } apiKey)
            {
                request.Headers.Add(ApiKeyHeader, apiKey);
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<ClaimsPrincipal?> CurrentUserAsync()
    {
        if (circuit.Services?.GetService<AuthenticationStateProvider>() is { } state)
        {
            return (await state.GetAuthenticationStateAsync()).User;
        }
        return http.HttpContext?.User;
    }
}
