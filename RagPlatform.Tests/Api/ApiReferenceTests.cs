using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RagPlatform.Client;
using RagPlatform.Tests.Infrastructure;
using RagPlatform.Tests.Web;
using static Microsoft.Playwright.Assertions;

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
    public async Task AUserAuthorisesWithTheDevelopmentTokenAndCallsTheApiFromTheReference()
    {
        var (api, address) = await fixture.Configure(TestHost.Api()).StartListeningAsync();
        await using var _ = api;
        var title = $"Reference check {Guid.NewGuid():N}";
        await new RagPlatformClient(fixture.Client).UploadAsync(new TextDocument("Tried from the reference page.", Title: title),
            cancellationToken: TestContext.Current.CancellationToken);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(address, "/scalar/").ToString());
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Bearer Token" }).FillAsync(TestCredentials.Token());
        await page.GetByRole(AriaRole.Link, new() { Name = "List documents, newest first. HTTP Method: GET" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Request (get /api/v1/documents)" }).ClickAsync();
        var sent = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send" }).First.ClickAsync(), response => response.Url.Contains("/api/v1/documents"));

        // The page sent the token it was given: the API answered with the tenant's documents, newest (this one) first.
        Assert.Equal(200, sent.Status);
        Assert.StartsWith("Bearer ", await sent.Request.HeaderValueAsync("authorization"));
        await Expect(page.GetByText(title)).ToBeVisibleAsync();
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
