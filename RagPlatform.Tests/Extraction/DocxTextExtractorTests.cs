using RagPlatform.Core.Chunking;
using RagPlatform.Core.Extraction;
using RagPlatform.Tests.Chunking;

namespace RagPlatform.Tests.Extraction;

public sealed class DocxTextExtractorTests
{
    private readonly TextExtractor _extractor = new();

    [Fact]
    public void HeadingsBecomeMarkdownHeadingLinesAndParagraphsStayInBodyOrder()
    {
        var result = _extractor.Extract(TestDocuments.Docx(), ContentTypes.Docx);

        Assert.Equal(
            "# Installation Guide\n\nThe installer copies the files.\n\nThen it starts the service.\n\n## Requirements\n\n" +
            "| Component | Version |\n| --- | --- |\n| Runtime | 10.0 |\n\nDone.",
            result.Text);
    }

    [Fact]
    public void ALocalisedHeadingStyleIdIsRecognisedByItsStyleName()
    {
        var result = _extractor.Extract(TestDocuments.Docx(heading1Id: "berschrift1"), ContentTypes.Docx);

        Assert.StartsWith("# Installation Guide\n\n", result.Text);
    }

    [Fact]
    public void TitleComesFromCorePropertiesElseFromTheFirstHeading()
    {
        Assert.Equal("Setup Manual", _extractor.Extract(TestDocuments.Docx("Setup Manual"), ContentTypes.Docx).Title);
        Assert.Equal("Installation Guide", _extractor.Extract(TestDocuments.Docx(), ContentTypes.Docx).Title);
    }

    [Fact]
    public void HeadingPathsReachTheChunker()
    {
        var text = _extractor.Extract(TestDocuments.Docx(), ContentTypes.Docx).Text;
        var chunks = new TextChunker(new WhitespaceTokenCounter(), new ChunkingOptions { MaxTokens = 12, OverlapTokens = 0 })
            .Chunk(text);

        Assert.Contains(chunks, c => c.Text.Contains("Runtime | 10.0") && c.HeadingPath == "Installation Guide > Requirements");
    }

    [Fact]
    public void ATruncatedDocxIsUnreadable()
    {
        var bytes = TestDocuments.Docx();

        var error = Assert.Throws<DocumentUnreadableException>(() => _extractor.Extract(bytes.AsMemory(0, bytes.Length / 2), ContentTypes.Docx));

        Assert.StartsWith("The DOCX file could not be read", error.Message);
    }
}
