namespace RagPlatform.Core.Extraction;

/// <summary>
/// Plain text that keeps the document's structure for the chunker: paragraphs separated by a blank line,
/// headings as "# Heading" lines. <paramref name="Title"/> is the document's own title when it has one.
/// </summary>
public sealed record ExtractedText(string Text, string? Title);
