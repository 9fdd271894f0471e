using RagPlatform.Core.Extraction;

namespace RagPlatform.Tests.Extraction;

public sealed class ContentTypesTests
{
    [Theory]
    [InlineData("text/markdown; charset=utf-8", ContentTypes.Markdown)]
    [InlineData("Text/HTML", ContentTypes.Html)]
    [InlineData(" text/plain ;charset=us-ascii", ContentTypes.PlainText)]
    [InlineData("text/x-markdown", ContentTypes.Markdown)]
    [InlineData("Application/PDF", ContentTypes.Pdf)]
    [InlineData("application/x-pdf", ContentTypes.Pdf)]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ContentTypes.Docx)]
    public void ContentTypesAreNormalisedToTheirCanonicalName(string given, string expected)
    {
        Assert.Equal(expected, ContentTypes.Normalize(given));
        Assert.True(ContentTypes.IsSupported(given));
    }

    [Theory]
    [InlineData("image/gif")]
    [InlineData("application/msword")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownContentTypesAreNotSupported(string? given)
    {
        Assert.False(ContentTypes.IsSupported(given));
        Assert.Throws<NotSupportedException>(() => new TextExtractor().Extract("content", given));
    }

    [Theory]
    [InlineData("text/plain", true)]
    [InlineData("text/html; charset=utf-8", true)]
    [InlineData("application/pdf", false)]
    [InlineData(ContentTypes.Docx, false)]
    public void OnlyTextTypesAreText(string contentType, bool isText)
    {
        Assert.Equal(isText, ContentTypes.IsText(contentType));
        Assert.Contains(ContentTypes.Normalize(contentType), ContentTypes.Supported);
    }

    [Fact]
    public void BinaryTypesCannotBeExtractedFromAString()
    {
        Assert.True(new TextExtractor().CanExtract(ContentTypes.Pdf));
        Assert.Throws<NotSupportedException>(() => new TextExtractor().Extract("%PDF-1.7", ContentTypes.Pdf));
    }

    [Fact]
    public void InvalidUtf8TextBytesAreUnreadable()
    {
        byte[] content = [0x61, 0xC3, 0x28];

        Assert.Throws<DocumentUnreadableException>(() => new TextExtractor().Extract(content, ContentTypes.PlainText));
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
