namespace RagPlatform.Core.Extraction;

/// <summary>Turns one binary document format (PDF, DOCX) into structured plain text.</summary>
public interface IBinaryTextExtractor
{
    /// <summary>The normalised content type this extractor reads (see <see cref="ContentTypes"/>).</summary>
    string ContentType { get; }

    /// <exception cref="DocumentUnreadableException">The document is corrupt, encrypted or truncated.</exception>
    ExtractedText Extract(ReadOnlyMemory<byte> content);
}
