using RagPlatform.Core.Extraction;

namespace RagPlatform.Tests.Extraction;

public sealed class ContentTypesTests
{
    [Theory]
    [InlineData("text/markdown; charset=utf-8", ContentTypes.Markdown)]
    [InlineData("Text/HTML", ContentTypes.Html)]
    [InlineData(" text/plain ;charset=us-ascii", ContentTypes.PlainText)]
    [InlineData("text/x-markdown", ContentTypes.Markdown)]
    public void ContentTypesAreNormalisedToTheirCanonicalName(string given, string expected)
    {
        Assert.Equal(expected, ContentTypes.Normalize(given));
        Assert.True(ContentTypes.IsSupported(given));
    }

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("image/png")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownContentTypesAreNotSupported(string? given)
    {
        Assert.False(ContentTypes.IsSupported(given));
        Assert.Throws<NotSupportedException>(() => new TextExtractor().Extract("content", given));
    }

    [Fact]
    public void ExtractorIsChosenByNormalisedContentType()
    {
        var result = new TextExtractor().Extract("# Title\n\nBody", "text/markdown; charset=utf-8");

        Assert.Equal("Title", result.Title);
    }

    [Fact]
    public void PlainTextGetsUnixLineEndingsAndNoTrailingSpaces()
    {
        var result = new TextExtractor().Extract("line one   \r\nline two\t\r\n\r\n\r\n\r\nnext paragraph  ", "text/plain");

        Assert.Equal("line one\nline two\n\nnext paragraph", result.Text);
        Assert.Null(result.Title);
    }
}
