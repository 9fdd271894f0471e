using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace RagPlatform.Client;

/// <summary>Signs each request with the credentials of <see cref="RagPlatformClientOptions"/>, asking the token provider every time.</summary>
public sealed class RagPlatformCredentialsHandler(IOptionsMonitor<RagPlatformClientOptions> options, IServiceProvider services, string name)
    : DelegatingHandler
{
    internal const string ApiKeyHeader = "X-Api-Key";
    internal const string ServiceTokenHeader = "X-Service-Token";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = options.Get(name);
        if (current.ApiKey is { Length: > 0 } apiKey)
        {
            request.Headers.Remove(ApiKeyHeader);
            request.Headers.Add(ApiKeyHeader, apiKey);
        }
        else if (current.TokenProvider is not null && await current.TokenProvider(services, cancellationToken) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (current.ServiceToken is { Length: > 0 } serviceToken && !request.Headers.Contains(ServiceTokenHeader))
        {
            request.Headers.Add(ServiceTokenHeader, serviceToken);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
