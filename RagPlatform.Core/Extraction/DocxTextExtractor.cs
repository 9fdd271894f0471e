using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RagPlatform.Core.Extraction;

/// <summary>
/// DOCX to structured plain text: paragraphs in body order; Title and Heading1-6 paragraphs become "#" lines;
/// tables become Markdown tables (first row the header). Title = the core properties' title, else the first Title or
/// Heading1 paragraph.
/// </summary>
public sealed partial class DocxTextExtractor : IBinaryTextExtractor
{
    public string ContentType => ContentTypes.Docx;

    public ExtractedText Extract(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(content.ToArray(), writable: false), isEditable: false);
            var main = document.MainDocumentPart ?? throw new DocumentUnreadableException("The DOCX file could not be read: it has no main document part.");
            var body = main.Document?.Body;
            var walker = new Walker(HeadingStyles.From(main.StyleDefinitionsPart?.Styles));
            if (body is not null)
            {
                walker.Blocks(body);
            }

            var title = StructuredTextWriter.CollapseWhitespace(document.PackageProperties.Title ?? string.Empty);
            return new ExtractedText(walker.ToString(), title.Length > 0 ? title : walker.FirstTitle);
        }
        catch (DocumentUnreadableException)
        {
            throw;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // Truncated ZIPs, missing parts and malformed XML surface as several exception types.
            throw new DocumentUnreadableException($"The DOCX file could not be read: {e.Message}", e);
        }
    }

    private sealed class Walker(HeadingStyles headings)
    {
        private readonly StructuredTextWriter _writer = new();

        public string? FirstTitle { get; private set; }

        public void Blocks(OpenXmlElement container)
        {
            foreach (var element in container.ChildElements)
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        Paragraph(paragraph);
                        break;
                    case Table table:
                        Table(table);
                        break;
                    case SdtBlock or SdtContentBlock or CustomXmlBlock:
                        Blocks(element);
                        break;
                }
            }
        }

        private void Paragraph(Paragraph paragraph)
        {
            var text = InlineText(paragraph);
            var level = headings.LevelOf(paragraph);
            if (level > 0)
            {
                if (level == 1 && FirstTitle is null)
                {
                    FirstTitle = NullIfEmpty(StructuredTextWriter.CollapseWhitespace(text));
                }

                _writer.Heading(level, text);
                return;
            }

            _writer.Append(string.Join('\n', text.Split('\n').Select(StructuredTextWriter.CollapseWhitespace).Where(l => l.Length > 0)));
            _writer.EndBlock();
        }

        /// <summary>A Markdown table, its first row the header: a row read alone still lines up with its columns.</summary>
        private void Table(Table table)
        {
            _writer.EndBlock();
            var rows = table.Elements<TableRow>()
                .Select(row => (IReadOnlyList<string>)row.Elements<TableCell>().Select(CellText).ToList())
                .Where(cells => cells.Any(c => c.Length > 0))
                .ToList();
            _writer.Append(MarkdownTable.Format(rows));
            _writer.EndBlock();
        }

        private static string CellText(TableCell cell) =>
            StructuredTextWriter.CollapseWhitespace(string.Join(' ', cell.Descendants<Paragraph>().Select(InlineText)));

        /// <summary>The visible text of a paragraph: deleted revisions, field codes and duplicate fallback content are skipped.</summary>
        private static string InlineText(OpenXmlElement element)
        {
            var text = new StringBuilder();
            AppendInline(element, text);
            return text.ToString();
        }

        private static void AppendInline(OpenXmlElement element, StringBuilder text)
        {
            foreach (var child in element.ChildElements)
            {
                switch (child)
                {
                    case Text t:
                        text.Append(t.Text);
                        break;
                    case TabChar or PositionalTab:
                        text.Append(' ');
                        break;
                    case Break or CarriageReturn:
                        text.Append('\n');
                        break;
                    case NoBreakHyphen:
                        text.Append('-');
                        break;
                    case AlternateContentFallback or DeletedRun or ParagraphProperties or RunProperties:
                        break;
                    default:
                        AppendInline(child, text);
                        break;
                }
            }
        }

        public override string ToString() => _writer.ToString();

        private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
    }

    /// <summary>
    /// Heading levels by paragraph style. Style ids are localised ("berschrift1" in German Word) but the names of
    /// built-in styles are not, so the styles part is read by name, then outline level, then the style it is based on.
    /// </summary>
    private sealed partial class HeadingStyles
    {
        private readonly Dictionary<string, int> _levels = new(StringComparer.OrdinalIgnoreCase);

        public static HeadingStyles From(Styles? styles)
        {
            var result = new HeadingStyles();
            var byId = styles?.Elements<Style>()
                .Where(s => s.StyleId?.Value is not null && (s.Type is null || s.Type.Value == StyleValues.Paragraph))
                .GroupBy(s => s.StyleId!.Value!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase) ?? [];
            foreach (var id in byId.Keys)
            {
                result._levels[id] = Resolve(id, byId, depth: 0);
            }

            return result;
        }

        public int LevelOf(Paragraph paragraph)
        {
            var properties = paragraph.ParagraphProperties;
            if (properties?.OutlineLevel?.Val?.Value is int outline)
            {
                return OutlineToLevel(outline);
            }

            var styleId = properties?.ParagraphStyleId?.Val?.Value;
            if (styleId is null)
            {
                return 0;
            }

            return _levels.TryGetValue(styleId, out var level) ? level : LevelFromName(styleId);
        }

        private static int Resolve(string id, Dictionary<string, Style> byId, int depth)
        {
            if (depth > 10 || !byId.TryGetValue(id, out var style))
            {
                return LevelFromName(id);
            }

            var byName = LevelFromName(style.StyleName?.Val?.Value ?? string.Empty);
            if (byName == 0)
            {
                byName = LevelFromName(id);
            }

            if (byName > 0)
            {
                return byName;
            }

            if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is int outline)
            {
                return OutlineToLevel(outline);
            }

            var basedOn = style.BasedOn?.Val?.Value;
            return basedOn is null ? 0 : Resolve(basedOn, byId, depth + 1);
        }

        /// <summary>Word's outline levels run 0-8 for headings 1-9 and 9 for body text; the chunker knows six.</summary>
        private static int OutlineToLevel(int outline) => outline is >= 0 and < 9 ? Math.Min(outline + 1, 6) : 0;

        private static int LevelFromName(string name)
        {
            if (name.Equals("Title", StringComparison.OrdinalIgnoreCase))
            {
                return 1;
            }

            var match = HeadingName().Match(name);
            return match.Success ? Math.Min(match.Groups[1].ValueSpan[0] - '0', 6) : 0;
        }

        [GeneratedRegex(@"^heading\s*([1-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex HeadingName();
    }
}
