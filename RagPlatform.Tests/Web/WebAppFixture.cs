using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Web;

/// <summary>
/// The web app served by Kestrel on a free loopback port (the browser's way in), calling an in-process API and worker
/// (a fixture of their own, real PostgreSQL and Redis), and Debian's chromium driven headless by Playwright.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private WebApplicationFactory<WebMarker>? _web;
    private IPlaywright? _playwright;

    /// <summary>The API and worker behind the web app, for arranging what a test needs (faults, API keys).</summary>
    public ApiFixture Api { get; private set; } = null!;

    /// <summary>
    /// The organisation's identity provider the web app offers (OpenID Connect, code + PKCE); the API trusts its tokens,
    /// so a user signed in through it calls the API with the provider's own access token.
    /// </summary>
    public TestOidcIssuer IdentityProvider { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        IdentityProvider = await TestOidcIssuer.StartAsync();
        Api = new ApiFixture { ConfigureApi = IdentityProvider.Trusted };
        await Api.InitializeAsync();

        _web = new WebApplicationFactory<WebMarker>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Web:Development:SigningKey", TestCredentials.SigningKey);
            builder.UseSetting("Web:Development:Tenant", TestCredentials.Tenant);
            builder.UseSetting("Web:Oidc:Authority", IdentityProvider.Authority);
            builder.UseSetting("Web:Oidc:ClientId", TestOidcIssuer.ClientId);
            builder.UseSetting("Web:Oidc:DisplayName", "Test IdP");
            builder.UseSetting("Web:Oidc:RoleClaim", TestOidcIssuer.RoleClaim);
            builder.UseSetting("Web:Oidc:TenantClaim", TestOidcIssuer.TenantClaim);
            builder.UseSetting("Web:Oidc:RequireHttpsMetadata", "false");
            // Service discovery resolves "api" as the AppHost would tell it; the request then reaches the in-process API.
            builder.UseSetting("services:api:http:0", "http://localhost");
            builder.ConfigureTestServices(services => services.AddHttpClient(nameof(RagPlatformClient))
                .ConfigurePrimaryHttpMessageHandler(Api.CreateApiHandler));
        });
        _web.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _web.StartServer();
        Address = new Uri(_web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A browser page of its own (own cookies) at desktop or phone width, its base URL the web app.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(Address.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                ElsewhereRequests.Add(request.Url);
            }
        };
        return page;
    }

    /// <summary>Every request a page made outside the web app (a CDN, a font service): none are expected but the identity provider's.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> ElsewhereRequests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }
        if (IdentityProvider is not null)
        {
            await IdentityProvider.DisposeAsync();
        }
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
[Trait("Category", "Integration")]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web";
}
