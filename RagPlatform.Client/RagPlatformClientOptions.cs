namespace RagPlatform.Client;

/// <summary>Where the API is and how to sign requests to it. Give at most one of <see cref="ApiKey"/> and <see cref="TokenProvider"/>.</summary>
public sealed class RagPlatformClientOptions
{
    /// <summary>The API's base address (<c>https://rag.example.com/</c>; with Aspire service discovery, <c>https+http://api</c>).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>An API key (<c>rpk_…</c>), sent as <c>X-Api-Key</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gives the bearer token of each request (a JWT from your identity provider, cached and refreshed as it sees fit);
    /// null sends the request without one.
    /// </summary>
    public Func<IServiceProvider, CancellationToken, ValueTask<string?>>? TokenProvider { get; set; }

    /// <summary>The deployment's service token (<c>X-Service-Token</c>), needed with an admin's credentials for the admin endpoints.</summary>
    public string? ServiceToken { get; set; }
}
