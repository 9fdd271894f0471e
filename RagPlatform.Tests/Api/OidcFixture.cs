using Microsoft.AspNetCore.Mvc.Testing;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>
/// An API instance that accepts the tokens of an in-test OpenID Connect issuer (tenant in <c>tid</c>, roles in
/// <c>roles</c>) beside its own HS256 tokens, on the api collection's database.
/// </summary>
public sealed class OidcFixture(ApiFixture api) : IAsyncLifetime
{
    /// <summary>The api collection's fixture, for hosts of other settings on the same database.</summary>
    public ApiFixture Api => api;

    private WebApplicationFactory<ApiMarker>? _host;

    public TestOidcIssuer Issuer { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Issuer = await TestOidcIssuer.StartAsync();
        _host = await Issuer.Trusted(api.Configure(TestHost.Api())).StartAsync();
    }

    /// <summary>A client sending <paramref name="token"/> as its bearer token (and no service token).</summary>
    public HttpClient ClientWith(string token) => _host!.CreateClient().Authorize(token, serviceToken: false);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        if (Issuer is not null)
        {
            await Issuer.DisposeAsync();
        }
    }
}
