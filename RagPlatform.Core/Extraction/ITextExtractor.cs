namespace RagPlatform.Core.Extraction;

/// <summary>Turns one content type into structured plain text.</summary>
public interface ITextExtractor
{
    /// <summary>The normalised content type this extractor reads (see <see cref="ContentTypes"/>).</summary>
    string ContentType { get; }

    ExtractedText Extract(string content);
}
