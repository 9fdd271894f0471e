using System.Text;
using Microsoft.Playwright;
using RagPlatform.Client;
using RagPlatform.Tests.Extraction;
using RagPlatform.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RagPlatform.Tests.Web;

/// <summary>The web app in a real browser (Debian's chromium, headless): what a person signing in, uploading, asking and searching sees.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppBrowserTests(WebAppFixture fixture)
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    [Fact]
    public async Task ADocxAndAPdfDroppedTogetherBothReachIndexed()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("signin");
        await page.ScreenshotAsync("signin");
        await page.ExpectEveryControlNamedAsync();
        await page.SignInWithDevelopmentCredentialsAsync();
        await page.GotoAsync("");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Documents", Level = 1 })).ToBeVisibleAsync();
        var docxTitle = Unique("Install guide ");
        var pdfTitle = Unique("Glacier survey ");

        await page.DropAsync(Unique("uploads"),
            new FilePayload { Name = "guide.docx", MimeType = Docx, Buffer = TestDocuments.Docx(docxTitle) },
            new FilePayload { Name = "survey.pdf", MimeType = "application/pdf", Buffer = TestDocuments.Pdf(pdfTitle,
                [["Glaciers in the northern valley retreated forty metres last year."]]) });

        await page.ExpectStatusAsync(docxTitle, DocumentStatuses.Indexed);
        await page.ExpectStatusAsync(pdfTitle, DocumentStatuses.Indexed);
        await Expect(page.GetByTestId("upload-item")).ToHaveCountAsync(2);
        await page.ScreenshotAsync("documents");
        await page.ExpectEveryControlNamedAsync();
    }

    [Fact]
    public async Task AnAnswerStreamsInWithACitationThatOpensTheCitedPassage()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInWithDevelopmentCredentialsAsync();
        var collection = Unique("ask");
        var title = Unique("Ferry timetable ");
        var markdown = $"# {title}\n\n## Winter\n\nThe island ferry leaves the harbour at seven each morning in winter.\n";
        await page.UploadAsync(collection, new FilePayload { Name = "ferry.md", MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes(markdown) });
        await page.ExpectStatusAsync(title, DocumentStatuses.Indexed);

        await page.GetByRole(AriaRole.Link, new() { Name = "Ask" }).ClickAsync();
        await page.GetByLabel("Collection").FillAsync(collection);
        await page.GetByLabel("Your question").FillAsync("When does the island ferry leave in winter?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();

        var turn = page.GetByTestId("turn").Last;
        await Expect(turn.GetByTestId("answer-text")).ToContainTextAsync("seven each morning");
        await Expect(turn.GetByTestId("extractive-note")).ToBeVisibleAsync();
        await turn.GetByTestId("citation").First.ClickAsync();
        var panel = page.GetByTestId("citation-panel");
        await Expect(panel.GetByRole(AriaRole.Heading)).ToContainTextAsync(title);
        await Expect(panel.GetByTestId("citation-heading-path")).ToContainTextAsync("Winter");
        await Expect(panel.GetByTestId("citation-passage")).ToContainTextAsync("## Winter");
        await Expect(panel.GetByTestId("citation-passage").Locator("mark").Filter(new() { HasText = "island ferry" }))
            .ToHaveTextAsync("The island ferry leaves the harbour at seven each morning in winter");
        await page.ScreenshotAsync("ask");
        await page.ExpectEveryControlNamedAsync();

        // As a person would, once the first answer has finished (the Ask button is disabled while one streams).
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true })).ToBeEnabledAsync();
        await page.GetByLabel("A follow-up question").FillAsync("And where does the island ferry leave from?");
        await page.GetByLabel("A follow-up question").PressAsync("Enter");
        await Expect(page.GetByTestId("turn")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("turn").Last.GetByTestId("answer-text")).ToContainTextAsync("harbour");

        await page.GetByRole(AriaRole.Link, new() { Name = "Search" }).ClickAsync();
        await page.GetByLabel("Search for").FillAsync("island ferry harbour");
        await page.GetByLabel("Collection").FillAsync(collection);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var result = page.GetByTestId("search-result").First;
        await Expect(result).ToContainTextAsync(title);
        await Expect(result).ToContainTextAsync("found by");
        await Expect(result).ToContainTextAsync("score 0.");
        await Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("search");
        await page.ExpectEveryControlNamedAsync();
        // Everything the pages load comes from the app itself: many deployments have no internet.
        Assert.DoesNotContain(fixture.ElsewhereRequests, url => !url.StartsWith(fixture.IdentityProvider.Authority + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFailedUploadShowsWhyAndIsIndexedAfterRetry()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInWithDevelopmentCredentialsAsync("writer");
        var phrase = $"The embedding outage hits lighthouse {Guid.NewGuid():N}";
        var fileName = Unique("outage") + ".txt";
        fixture.Api.Embeddings.FailNext(1_000, onlyWhenContaining: phrase);
        try
        {
            await page.UploadAsync(Unique("retry"), new FilePayload { Name = fileName, MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(phrase) });
            await page.ExpectStatusAsync(fileName, DocumentStatuses.Failed);
            await Expect(page.DocumentRow(fileName).GetByTestId("failure")).ToContainTextAsync("Gave up after 3 attempts");
        }
        finally
        {
            fixture.Api.Embeddings.FailNext(0);
        }

        await page.DocumentRow(fileName).GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await page.ExpectStatusAsync(fileName, DocumentStatuses.Indexed);
        await Expect(page.DocumentRow(fileName).GetByTestId("failure")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AReplacedFileIsIndexedAgainUnderTheSameDocument()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInWithDevelopmentCredentialsAsync("writer");
        var first = Unique("draft") + ".md";
        var second = Unique("final") + ".md";
        await page.UploadAsync(Unique("replace"), new FilePayload { Name = first, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("# Draft\n\nThe plan is a draft.") });
        await page.ExpectStatusAsync(first, DocumentStatuses.Indexed);
        var id = await page.DocumentRow(first).GetAttributeAsync("data-document-id");

        await page.DocumentRow(first).Locator("input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = second, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("# Final\n\nThe plan is final.") });

        var row = page.Locator($"[data-document-id='{id}']");
        await Expect(row).ToContainTextAsync(second);
        await Expect(row.GetByTestId("status")).ToHaveTextAsync(DocumentStatuses.Indexed, WebPages.Indexing);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"replaced with {second}");
        Assert.Equal(2, (await fixture.Api.Api.GetDocumentAsync(id!)).Version);
    }

    [Fact]
    public async Task ADocumentDeletedAfterConfirmingIsGoneFromTheList()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInWithDevelopmentCredentialsAsync();
        var fileName = Unique("obsolete") + ".md";
        await page.UploadAsync(Unique("delete"), new FilePayload { Name = fileName, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("# Obsolete\n\nThis page is out of date.") });
        await page.ExpectStatusAsync(fileName, DocumentStatuses.Indexed);

        await page.DocumentRow(fileName).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToContainTextAsync("cannot be undone");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Expect(page.DocumentRow(fileName)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("deleted");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your documents" })).ToBeVisibleAsync();
        await Expect(page.DocumentRow(fileName)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AReaderSignedInWithAnApiKeySeesNoUploadRetryOrDelete()
    {
        var admin = TypedClientFor(fixture);
        var key = await admin.CreateApiKeyAsync(Unique("reader"), [RagRoles.Reader], TestContext.Current.CancellationToken);
        var shared = await admin.UploadAsync(new TextDocument("# Reading room\n\nOpen to every reader.", "text/markdown", Title: Unique("Reading room ")),
            cancellationToken: TestContext.Current.CancellationToken);
        var page = await fixture.NewPageAsync(width: 390, height: 844);

        await page.GotoAsync("documents");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.GetByRole(AriaRole.Textbox, new() { Name = "API key" }).FillAsync(key.Secret + "x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with API key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not accepted");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "API key" }).FillAsync(key.Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with API key" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your documents" })).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-document-id='{shared.Id}']")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload" })).ToHaveCountAsync(0);
        await Expect(page.Locator("input[type=file]")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync("documents-reader-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("documents");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }

    [Fact]
    public async Task AnOrganisationUserSignsInThroughOpenIdConnectAndTheApiTakesTheProvidersOwnToken()
    {
        // The page lists this only if the API accepted the provider's RS256 access token as a user of the tenant.
        var shared = await TypedClientFor(fixture).UploadAsync(new TextDocument("# Handbook\n\nFor everyone.", "text/markdown", Title: Unique("Handbook ")),
            cancellationToken: TestContext.Current.CancellationToken);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("ask");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Test IdP" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ask", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(TestOidcIssuer.UserName);
        await page.GetByRole(AriaRole.Link, new() { Name = "Documents" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your documents" })).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-document-id='{shared.Id}']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("problem")).ToHaveCountAsync(0);
        // The provider gave the role "reader" only.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload" })).ToHaveCountAsync(0);
    }

    private static RagPlatformClient TypedClientFor(WebAppFixture fixture) => Client.TypedClients.WithToken(fixture.Api);
}
