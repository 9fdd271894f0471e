namespace RagPlatform.Core.Extraction;

public sealed class PlainTextExtractor : ITextExtractor
{
    public string ContentType => ContentTypes.PlainText;

    public ExtractedText Extract(string content) => new(TextNormalizer.Normalize(content), Title: null);
}
