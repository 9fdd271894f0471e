using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RagPlatform.Tests.Web;

/// <summary>What a person does on the web app, step by step, as the tests do it.</summary>
public static class WebPages
{
    /// <summary>Time for ingestion to finish a small document on busy cores.</summary>
    public static readonly LocatorAssertionsToHaveTextOptions Indexing = new() { Timeout = 60_000 };

    public static async Task SignInWithDevelopmentCredentialsAsync(this IPage page, string role = "admin")
    {
        await page.GotoAsync("signin");
        await page.GetByLabel("Role").SelectOptionAsync(role);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with development credentials" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Documents", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Chooses files in the upload panel's file picker.</summary>
    public static Task UploadAsync(this IPage page, string collection, params FilePayload[] files) =>
        UploadAsync(page, collection, files, input => input.SetInputFilesAsync(files));

    /// <summary>Drops files on the upload panel's drop zone, as a drag from the desktop ends.</summary>
    public static Task DropAsync(this IPage page, string collection, params FilePayload[] files) =>
        UploadAsync(page, collection, files, async _ =>
        {
            var dataTransfer = await page.EvaluateHandleAsync("""
                files => {
                    const dataTransfer = new DataTransfer();
                    for (const file of files) {
                        const bytes = Uint8Array.from(atob(file.base64), c => c.charCodeAt(0));
                        dataTransfer.items.add(new File([bytes], file.name, { type: file.mimeType }));
                    }
                    return dataTransfer;
                }
                """, files.Select(file => new { name = file.Name, mimeType = file.MimeType, base64 = Convert.ToBase64String(file.Buffer) }).ToArray());
            await page.Locator(".dropzone").DispatchEventAsync("dragenter", new { dataTransfer });
            await page.Locator(".dropzone").DispatchEventAsync("drop", new { dataTransfer });
        });

    private static async Task UploadAsync(IPage page, string collection, FilePayload[] files, Func<ILocator, Task> give)
    {
        // Enabled once the page can take files: given before, they would be lost.
        await Expect(page.Locator("#upload-files")).ToBeEnabledAsync();
        await page.GetByLabel("Collection").FillAsync(collection);
        await give(page.Locator("#upload-files"));
        foreach (var file in files)
        {
            await Expect(page.GetByTestId("upload-item").Filter(new() { HasText = file.Name })).ToContainTextAsync("Accepted");
        }
        await Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
    }

    /// <summary>The list's row of the document whose title or file name contains <paramref name="text"/>.</summary>
    public static ILocator DocumentRow(this IPage page, string text) =>
        page.GetByTestId("document-row").Filter(new() { HasText = text });

    public static Task ExpectStatusAsync(this IPage page, string text, string status) =>
        Expect(page.DocumentRow(text).GetByTestId("status")).ToHaveTextAsync(status, Indexing);

    /// <summary>
    /// Every visible form control has an accessible name (a label, aria-label or aria-labelledby; a button its text), so a
    /// screen reader can say what each is for. Returns nothing when all are named.
    /// </summary>
    public static async Task ExpectEveryControlNamedAsync(this IPage page)
    {
        var unnamed = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
                .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')
                    && !(e.tagName === 'BUTTON' && e.textContent.trim()))
                .map(e => e.outerHTML.slice(0, 120))
            """);
        Assert.Empty(unnamed);
    }

    /// <summary>Saves a screenshot of the page into docs/screenshots, so the README's pictures are the app as it is.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}.png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RagPlatform.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("RagPlatform.sln not found above the test output.");
    }
}
