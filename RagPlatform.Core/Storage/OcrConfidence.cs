namespace RagPlatform.Core.Storage;

/// <summary>
/// <c>chunks.ocr_confidence</c> keeps tesseract's own scale (mean word confidence, 0-100); everything past PostgreSQL
/// (indexes, search hits, citations) shows it as a fraction, like every other score the API returns.
/// </summary>
internal static class OcrConfidence
{
    /// <summary>The stored 0-100 confidence as a fraction in [0, 1], to three places.</summary>
    public static double Fraction(float stored) => Math.Round(Math.Clamp(stored, 0, 100) / 100.0, 3);
}
