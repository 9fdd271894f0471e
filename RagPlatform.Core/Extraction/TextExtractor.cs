namespace RagPlatform.Core.Extraction;

/// <summary>Picks the extractor for a content type; without registered extractors it uses the built-in three.</summary>
public sealed class TextExtractor
{
    private readonly Dictionary<string, ITextExtractor> _extractors;

    public TextExtractor(IEnumerable<ITextExtractor>? extractors = null)
    {
        var list = extractors?.ToList() ?? [];
        if (list.Count == 0)
        {
            list = [new PlainTextExtractor(), new MarkdownTextExtractor(), new HtmlTextExtractor()];
        }

        _extractors = list.ToDictionary(e => ContentTypes.Normalize(e.ContentType), StringComparer.Ordinal);
    }

    public bool CanExtract(string? contentType) => _extractors.ContainsKey(ContentTypes.Normalize(contentType));

    /// <exception cref="NotSupportedException">No extractor reads <paramref name="contentType"/>.</exception>
    public ExtractedText Extract(string content, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(content);
        var normalized = ContentTypes.Normalize(contentType);
        return _extractors.TryGetValue(normalized, out var extractor)
            ? extractor.Extract(content)
            : throw new NotSupportedException($"Content type '{contentType}' is not supported; supported: {string.Join(", ", _extractors.Keys)}.");
    }
}
