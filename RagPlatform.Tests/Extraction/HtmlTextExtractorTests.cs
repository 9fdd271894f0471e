using RagPlatform.Core.Extraction;

namespace RagPlatform.Tests.Extraction;

public sealed class HtmlTextExtractorTests
{
    private readonly HtmlTextExtractor _extractor = new();

    [Fact]
    public void ScriptsStylesAndNavigationAreDropped()
    {
        const string html = """
            <html><head><title>Page</title><style>body { color: red }</style></head>
            <body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
            <script>var secret = "do not index";</script>
            <p>Visible text.</p></body></html>
            """;

        var result = _extractor.Extract(html);

        Assert.Equal("Visible text.", result.Text);
    }

    [Fact]
    public void HeadingsBecomeHashLinesAndBlocksBecomeParagraphs()
    {
        const string html = """
            <html><head><title> The   Manual </title></head><body>
            <h1>Guide</h1>
            <p>First <b>bold</b>paragraph
               spanning lines.</p>
            <div>A div block<br>with a break.</div>
            <h2>Install</h2>
            <ul><li>one</li><li>two</li></ul>
            <pre>line 1
              line 2</pre>
            </body></html>
            """;

        var result = _extractor.Extract(html);

        Assert.Equal(
            "# Guide\n\nFirst boldparagraph spanning lines.\n\nA div block\nwith a break.\n\n## Install\n\none\n\ntwo\n\nline 1\n  line 2",
            result.Text);
        Assert.Equal("The Manual", result.Title);
    }

    [Fact]
    public void TitleFallsBackToTheFirstH1()
    {
        var result = _extractor.Extract("<body><h1>Only heading</h1><p>Body.</p></body>");

        Assert.Equal("Only heading", result.Title);
    }
}
