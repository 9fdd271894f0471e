namespace RagPlatform.Core.Ocr;

/// <summary>
/// Told how far recognition of a document has come: first with 0 of <paramref name="pageCount"/> (the pages that need
/// it), then after each page recognised.
/// </summary>
public delegate Task OcrPageReport(int pagesRecognised, int pageCount, CancellationToken cancellationToken);
