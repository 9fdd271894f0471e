namespace RagPlatform.Core.Extraction;

/// <summary>The media types the platform can turn into text.</summary>
public static class ContentTypes
{
    public const string PlainText = "text/plain";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";

    /// <summary>The canonical names of the supported types, for messages.</summary>
    public static IReadOnlyList<string> Supported { get; } = [PlainText, Markdown, Html];

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
            _ => mediaType,
        };
    }

    public static bool IsSupported(string? contentType) =>
        Normalize(contentType) is PlainText or Markdown or Html;
}
