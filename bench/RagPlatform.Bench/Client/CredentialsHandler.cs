namespace RagPlatform.Bench.Client;

/// <summary>Puts the run's credentials on every request of an HttpClient.</summary>
public sealed class CredentialsHandler(Credentials credentials, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        credentials.Apply(request);
        return base.SendAsync(request, cancellationToken);
    }
}
