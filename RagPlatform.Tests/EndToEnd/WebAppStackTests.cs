using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using RagPlatform.Tests.Web;
using static Microsoft.Playwright.Assertions;

namespace RagPlatform.Tests.EndToEnd;

/// <summary>The web app as the AppHost runs it: found the API by service discovery, signs developers in with the AppHost's key.</summary>
[Collection(NativeStackCollection.Name)]
public sealed class WebAppStackTests(NativeStackFixture stack)
{
    [Fact]
    public async Task ADeveloperSignsInToTheWebAppWithOneClickAndSeesTheApisDocuments()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await stack.App.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);
        var address = stack.App.GetEndpoint("web", "http");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = address.ToString() });

        await page.GotoAsync("documents");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with development credentials" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your documents" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload" })).ToBeVisibleAsync();
    }
}
