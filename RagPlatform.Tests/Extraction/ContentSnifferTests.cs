using System.Text;
using RagPlatform.Core.Extraction;

namespace RagPlatform.Tests.Extraction;

public sealed class ContentSnifferTests
{
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public void APdfDeclaredAsPlainTextIsAMismatchNamingBoth()
    {
        var check = ContentSniffer.Check(TestDocuments.Pdf(null, [["Hello."]]), "text/plain");

        Assert.Equal(ContentCheckStatus.Mismatch, check.Status);
        Assert.True(check.IsMediaTypeProblem);
        Assert.Contains("text/plain", check.Reason);
        Assert.Contains("a PDF document", check.Reason);
    }

    [Fact]
    public void PngBytesDeclaredAsPdfAreAMismatch()
    {
        var check = ContentSniffer.Check(PngBytes, ContentTypes.Pdf);

        Assert.Equal(ContentCheckStatus.Mismatch, check.Status);
        Assert.Contains("%PDF-", check.Reason);
        Assert.Contains("a PNG image", check.Reason);
    }

    [Fact]
    public void InvalidUtf8DeclaredAsPlainTextIsUnreadable()
    {
        byte[] latin1 = [.. "Caf"u8, 0xE9, .. " au lait"u8];

        var check = ContentSniffer.Check(latin1, "text/plain; charset=utf-8");

        Assert.Equal(ContentCheckStatus.Unreadable, check.Status);
        Assert.False(check.IsMediaTypeProblem);
        Assert.Contains("not valid UTF-8", check.Reason);
        Assert.Contains("byte 3", check.Reason);
    }

    [Fact]
    public void ValidMarkdownWithABomPasses()
    {
        byte[] markdown = [0xEF, 0xBB, 0xBF, .. "# Título\n\nCorps du texte."u8];

        Assert.Equal(ContentCheck.Ok, ContentSniffer.Check(markdown, ContentTypes.Markdown));
    }

    [Fact]
    public void TheBomIsStrippedWhenTextIsExtractedFromBytes()
    {
        byte[] markdown = [0xEF, 0xBB, 0xBF, .. "# Título\n\nCorps du texte."u8];

        var result = new TextExtractor().Extract(markdown, ContentTypes.Markdown);

        Assert.Equal("# Título\n\nCorps du texte.", result.Text);
        Assert.Equal("Título", result.Title);
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0 }, "an ELF executable")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "a JPEG image")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0 }, "a GIF image")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 20, 0 }, "a ZIP archive")]
    public void BinaryFilesDeclaredAsTextAreAMismatch(byte[] content, string found)
    {
        var check = ContentSniffer.Check(content, ContentTypes.Html);

        Assert.Equal(ContentCheckStatus.Mismatch, check.Status);
        Assert.Contains(found, check.Reason);
    }

    [Fact]
    public void NulBytesInTextAreAMismatch()
    {
        Assert.Equal(ContentCheckStatus.Mismatch, ContentSniffer.Check("abc\0def"u8, ContentTypes.PlainText).Status);
    }

    [Fact]
    public void TextThatMerelyStartsWithMzOrMentionsPdfHeadersIsText()
    {
        Assert.True(ContentSniffer.Check("MZ is a prefix.\nA PDF starts with %PDF-1.7."u8, ContentTypes.PlainText).IsOk);
    }

    [Fact]
    public void APdfHeaderAfterLeadingWhitespaceIsAccepted()
    {
        var pdf = Encoding.ASCII.GetBytes("\r\n  ").Concat(TestDocuments.Pdf(null, [["Hello."]])).ToArray();

        Assert.True(ContentSniffer.Check(pdf, "application/x-pdf").IsOk);
    }

    [Fact]
    public void ARealDocxPassesAndATruncatedOneIsUnreadable()
    {
        var docx = TestDocuments.Docx();

        Assert.True(ContentSniffer.Check(docx, ContentTypes.Docx).IsOk);
        Assert.Equal(ContentCheckStatus.Unreadable, ContentSniffer.Check(docx.AsSpan(0, docx.Length / 2), ContentTypes.Docx).Status);
    }

    [Fact]
    public void AZipWithoutAWordDocumentDeclaredAsDocxIsAMismatch()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("xl/workbook.xml");
        }

        var check = ContentSniffer.Check(stream.ToArray(), ContentTypes.Docx);

        Assert.Equal(ContentCheckStatus.Mismatch, check.Status);
        Assert.Contains("word/document.xml", check.Reason);
    }

    [Fact]
    public void AnUnknownContentTypeIsUnsupported()
    {
        var check = ContentSniffer.Check(PngBytes, "image/gif");

        Assert.Equal(ContentCheckStatus.Unsupported, check.Status);
        Assert.Contains(ContentTypes.Docx, check.Reason);
    }
}
