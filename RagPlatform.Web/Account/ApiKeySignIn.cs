using System.Net;
using System.Security.Claims;

namespace RagPlatform.Web.Account;

/// <summary>
/// Checks an API key against the API and finds what it may do, so the pages offer only that. The API has no endpoint
/// that describes the caller, so two requests that change nothing tell: retrying and deleting a document that does not
/// exist answer 404 to a key with the role, 403 to one without.
/// </summary>
public sealed class ApiKeySignIn(IHttpClientFactory clients)
{
    public async Task<ClaimsPrincipal?> SignInAsync(string apiKey, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(nameof(RagPlatform.Client.RagPlatformClient));
        if (await SendAsync(http, HttpMethod.Get, "api/v1/documents?page=1&pageSize=1", apiKey, cancellationToken) != HttpStatusCode.OK)
        {
            return null;
        }
        var probe = $"api/v1/documents/signin-probe-{Guid.NewGuid():N}";
        var roles = new List<string> { WebClaims.Reader };
        if (await SendAsync(http, HttpMethod.Post, $"{probe}/retry", apiKey, cancellationToken) == HttpStatusCode.NotFound)
        {
            roles.Add(WebClaims.Writer);
        }
        if (await SendAsync(http, HttpMethod.Delete, probe, apiKey, cancellationToken) == HttpStatusCode.NotFound)
        {
            roles.Add(WebClaims.Admin);
        }
        return WebClaims.Create("API key", tenant: null, roles, apiKey: apiKey);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, HttpMethod method, string url, string apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add(UserCredentialsHandler.ApiKeyHeader, apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }
}
