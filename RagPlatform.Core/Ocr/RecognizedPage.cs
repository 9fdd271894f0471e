namespace RagPlatform.Core.Ocr;

/// <summary>A page's recognised text, paragraphs separated by a blank line, and tesseract's mean word confidence (0-100).</summary>
public sealed record RecognizedPage(string Text, double Confidence);
