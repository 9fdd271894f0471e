namespace RagPlatform.Core.Documents;

/// <summary>
/// How far text recognition of a document has come: <paramref name="PagesRecognised"/> of <paramref name="PageCount"/>,
/// the pages that need it (an image is one page; in a PDF, its scanned pages), the attempt running since
/// <paramref name="StartedAt"/> and last advanced at <paramref name="UpdatedAt"/>.
/// </summary>
public sealed record OcrProgress(int PageCount, int PagesRecognised, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Time left at this attempt's pace, counted from its last page forward; null until a page is recognised.</summary>
    public TimeSpan? EstimatedTimeLeft(DateTimeOffset now) =>
        Pace.TimeLeft(PageCount, PagesRecognised, PagesRecognised, StartedAt, UpdatedAt, now);
}
