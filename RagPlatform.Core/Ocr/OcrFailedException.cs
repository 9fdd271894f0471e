namespace RagPlatform.Core.Ocr;

/// <summary>An OCR tool ran but failed (non-zero exit, output over the cap); <see cref="Exception.Message"/> says which and why.</summary>
public sealed class OcrFailedException(string message) : Exception(message);
