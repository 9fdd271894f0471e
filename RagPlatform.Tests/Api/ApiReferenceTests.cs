using System.Net;
using System.Text.RegularExpressions;
using RagPlatform.Tests.Infrastructure;

namespace RagPlatform.Tests.Api;

/// <summary>Scalar's interactive reference: served in Development with everything it needs, absent in Production.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class ApiReferenceTests(ApiFixture fixture)
{
    [Fact]
    public async Task InDevelopmentTheReferencePageAnswersAndLoadsItsScriptFromTheApiItself()
    {
        using var anonymous = fixture.CreateClient(token: null);

        var page = await anonymous.GetAsync("/scalar/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("RagPlatform API", html);
        Assert.Contains("Bearer", html); // the preferred security scheme: the page opens with the token field
        // No CDN: every script the page loads comes from this API (machines here, and many deployments, have no internet).
        var scripts = ScriptSources().Matches(html).Select(match => match.Groups["src"].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.False(Uri.TryCreate(script, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal),
                $"the page loads {script} from elsewhere");
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(new Uri(anonymous.BaseAddress!, "/scalar/"), script))).StatusCode);
        }
    }

    [Fact]
    public async Task InABrowserTheReferenceListsTheRoutesAndOffersTheBearerToken()
    {
        var (api, address) = await fixture.Configure(TestHost.Api()).StartListeningAsync();
        await using var _ = api;

        var dom = await HeadlessChromium.DumpDomAsync(new Uri(address, "/scalar/"));

        // Rendered by the page's script from /openapi/v1.json (so its scripts ran, from this API alone, under the page's
        // Content-Security-Policy): the routes, grouped by tag; the bearer token field open, its description naming the
        // token command; calls sent to this API.
        Assert.Contains("Accept a document", dom);
        Assert.Contains("Open Group - Search", dom);
        Assert.Contains("Selected Auth Type: Bearer", dom);
        Assert.Contains("Bearer Token", dom);
        Assert.Contains("RagPlatform.AppHost -- token", dom);
        Assert.Contains(address.ToString().TrimEnd('/'), dom);
    }

    [Fact]
    public async Task InProductionThereIsNoReferencePageButTheDocumentIsServed()
    {
        await using var production = await fixture.Configure(TestHost.Api()).WithEnvironment("Production").StartAsync();
        using var anonymous = production.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/scalar/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSources();
}
