namespace RagPlatform.Core.Extraction;

/// <summary>
/// Picks the extractor for a content type. Without registered extractors it uses the built-in ones: plain text,
/// markdown and HTML for text, PDF and DOCX for bytes.
/// </summary>
public sealed class TextExtractor
{
    private readonly Dictionary<string, ITextExtractor> _extractors;
    private readonly Dictionary<string, IBinaryTextExtractor> _binaryExtractors;

    public TextExtractor(IEnumerable<ITextExtractor>? extractors = null, IEnumerable<IBinaryTextExtractor>? binaryExtractors = null)
    {
        var list = extractors?.ToList() ?? [];
        if (list.Count == 0)
        {
            list = [new PlainTextExtractor(), new MarkdownTextExtractor(), new HtmlTextExtractor(), new CsvTextExtractor()];
        }

        var binaryList = binaryExtractors?.ToList() ?? [];
        if (binaryList.Count == 0)
        {
            binaryList = [new PdfTextExtractor(), new DocxTextExtractor(), new XlsxTextExtractor(), new PptxTextExtractor(), new EmlTextExtractor()];
        }

        _extractors = list.ToDictionary(e => ContentTypes.Normalize(e.ContentType), StringComparer.Ordinal);
        _binaryExtractors = binaryList.ToDictionary(e => ContentTypes.Normalize(e.ContentType), StringComparer.Ordinal);
    }

    public bool CanExtract(string? contentType)
    {
        var normalized = ContentTypes.Normalize(contentType);
        return _extractors.ContainsKey(normalized) || _binaryExtractors.ContainsKey(normalized);
    }

    /// <summary>Extracts text that is already decoded; binary formats (PDF, DOCX) need the bytes overload.</summary>
    /// <exception cref="NotSupportedException">No text extractor reads <paramref name="contentType"/>.</exception>
    public ExtractedText Extract(string content, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(content);
        var normalized = ContentTypes.Normalize(contentType);
        if (_extractors.TryGetValue(normalized, out var extractor))
        {
            return extractor.Extract(content);
        }

        throw _binaryExtractors.ContainsKey(normalized)
            ? new NotSupportedException($"Content type '{contentType}' is a binary format; extract it from its bytes.")
            : Unsupported(contentType);
    }

    /// <summary>Extracts an uploaded document: text types are decoded as strict UTF-8 (a BOM is dropped).</summary>
    /// <exception cref="NotSupportedException">No extractor reads <paramref name="contentType"/>.</exception>
    /// <exception cref="DocumentUnreadableException">The bytes are not valid UTF-8, or the document is corrupt or encrypted.</exception>
    public ExtractedText Extract(ReadOnlyMemory<byte> content, string? contentType)
    {
        var normalized = ContentTypes.Normalize(contentType);
        if (_binaryExtractors.TryGetValue(normalized, out var binary))
        {
            return binary.Extract(content);
        }

        return _extractors.TryGetValue(normalized, out var extractor)
            ? extractor.Extract(Utf8Text.Decode(content.Span))
            : throw Unsupported(contentType);
    }

    private NotSupportedException Unsupported(string? contentType) =>
        new($"Content type '{contentType}' is not supported; supported: {string.Join(", ", _extractors.Keys.Concat(_binaryExtractors.Keys))}.");
}
