using Microsoft.Playwright;

namespace RagPlatform.Tests.Web;

/// <summary>Debian's chromium (Playwright's own browser download cannot reach its CDN here), headless.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        // As root, on a closed network: no sandbox, and none of chromium's own background traffic.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"],
    });
}
