namespace RagPlatform.Core.Extraction;

/// <summary>
/// Plain text that keeps the document's structure for the chunker: paragraphs separated by a blank line,
/// headings as "# Heading" lines. <paramref name="Title"/> is the document's own title when it has one.
/// <paramref name="PageStarts"/>, for paged formats (PDF), is the offset in <paramref name="Text"/> where each page
/// starts, page 1 first; <see cref="PageNumbers.ForOffset"/> maps a chunk's offset to its page. <paramref name="OcrConfidence"/>
/// holds the pages whose text was recognised from an image (scanned pages, image uploads), each with its mean confidence (0-100).
/// </summary>
public sealed record ExtractedText(
    string Text, string? Title, IReadOnlyList<int>? PageStarts = null, IReadOnlyDictionary<int, double>? OcrConfidence = null);
