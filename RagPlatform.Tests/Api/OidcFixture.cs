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
        _host = await api.Configure(TestHost.Api())
            .WithSetting("Auth:Oidc:Authority", Issuer.Authority)
            .WithSetting("Auth:Oidc:Audience", TestOidcIssuer.Audience)
            .WithSetting("Auth:Oidc:TenantClaim", TestOidcIssuer.TenantClaim)
            .WithSetting("Auth:Oidc:RoleClaim", TestOidcIssuer.RoleClaim)
            .WithSetting("Auth:Oidc:RequireHttpsMetadata", "false")
            // The least the library allows: a rotation is picked up within a second instead of five minutes.
            .WithSetting("Auth:Oidc:RefreshInterval", "00:00:01")
            .StartAsync();
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
