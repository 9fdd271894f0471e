using RagPlatform.Core.Extraction;

namespace RagPlatform.Tests.Extraction;

public sealed class MarkdownTextExtractorTests
{
    private readonly MarkdownTextExtractor _extractor = new();

    [Fact]
    public void HeadingsBecomeHashLinesAndParagraphsAreSeparatedByBlankLines()
    {
        const string markdown = "# User *Guide*\r\n\r\nSome **bold** text with a [link](https://example.com)\r\nthat wraps.\r\n\r\n## Install\r\n\r\nRun it.";

        var result = _extractor.Extract(markdown);

        Assert.Equal("# User Guide\n\nSome bold text with a link that wraps.\n\n## Install\n\nRun it.", result.Text);
        Assert.Equal("User Guide", result.Title);
    }

    [Fact]
    public void CodeTextIsKeptWithoutFences()
    {
        const string markdown = "Call `Run()` first.\n\n```csharp\nvar x = 1;\nConsole.WriteLine(x);\n```\n";

        var result = _extractor.Extract(markdown);

        Assert.Equal("Call Run() first.\n\nvar x = 1;\nConsole.WriteLine(x);", result.Text);
    }

    [Fact]
    public void ListItemsStayOnTheirOwnLines()
    {
        var result = _extractor.Extract("Steps:\n\n- first *step*\n- second step\n  - nested step\n\nDone.");

        Assert.Equal("Steps:\n\nfirst step\nsecond step\nnested step\n\nDone.", result.Text);
    }

    [Fact]
    public void DocumentWithoutTopLevelHeadingHasNoTitle()
    {
        var result = _extractor.Extract("## Only a subsection\n\nBody.");

        Assert.Null(result.Title);
        Assert.StartsWith("## Only a subsection", result.Text);
    }
}
