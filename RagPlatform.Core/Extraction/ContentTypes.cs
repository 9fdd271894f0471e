namespace RagPlatform.Core.Extraction;

/// <summary>The media types the platform can turn into text.</summary>
public static class ContentTypes
{
    public const string PlainText = "text/plain";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Csv = "text/csv";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Eml = "message/rfc822";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Tiff = "image/tiff";

    /// <summary>The canonical names of the supported types, for messages.</summary>
    public static IReadOnlyList<string> Supported { get; } = [PlainText, Markdown, Html, Pdf, Docx, Png, Jpeg, Tiff, Csv, Xlsx, Pptx, Eml];

    /// <summary>
    /// Lower-case media type without parameters ("Text/HTML; charset=utf-8" gives "text/html"); common aliases
    /// map to the canonical name. Null or blank gives an empty string.
    /// </summary>
    public static string Normalize(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return string.Empty;
        }

        var separator = contentType.IndexOf(';');
        var mediaType = (separator < 0 ? contentType : contentType[..separator]).Trim().ToLowerInvariant();
        return mediaType switch
        {
            "text/x-markdown" or "text/md" => Markdown,
            "application/xhtml+xml" => Html,
            "application/x-pdf" or "application/acrobat" or "applications/vnd.pdf" or "text/pdf" or "text/x-pdf" => Pdf,
            "image/jpg" or "image/pjpeg" => Jpeg,
            "application/csv" or "text/comma-separated-values" => Csv,
            "image/tif" or "image/x-tiff" => Tiff,
            _ => mediaType,
        };
    }

    public static bool IsSupported(string? contentType) =>
        Normalize(contentType) is PlainText or Markdown or Html or Pdf or Docx or Png or Jpeg or Tiff or Csv or Xlsx or Pptx or Eml;

    /// <summary>True for the image types, whose text is recognised (OCR) rather than read.</summary>
    public static bool IsImage(string? contentType) =>
        Normalize(contentType) is Png or Jpeg or Tiff;

    /// <summary>True for the types whose bytes are UTF-8 text (plain text, markdown, HTML).</summary>
    public static bool IsText(string? contentType) =>
        Normalize(contentType) is PlainText or Markdown or Html or Csv;
}
