using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace RagPlatform.Core.Extraction;

/// <summary>
/// HTML to structured plain text: scripts, styles and navigation go; block elements become paragraphs and
/// h1-h6 become "#" lines. Title = &lt;title&gt;, else the first h1.
/// </summary>
public sealed class HtmlTextExtractor : ITextExtractor
{
    private static readonly HashSet<string> Dropped = ["script", "style", "nav", "noscript", "template", "head", "svg", "iframe"];

    private static readonly HashSet<string> Blocks =
    [
        "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "header", "hr", "li", "main", "ol", "p", "section", "summary", "table", "tbody",
        "thead", "tfoot", "tr", "ul",
    ];

    public string ContentType => ContentTypes.Html;

    public ExtractedText Extract(string content)
    {
        var document = new HtmlParser().ParseDocument(content);
        var walker = new Walker();
        walker.Visit(document.Body ?? (INode?)document.DocumentElement ?? document);
        var title = StructuredTextWriter.CollapseWhitespace(document.Title ?? string.Empty);
        if (title.Length == 0)
        {
            title = StructuredTextWriter.CollapseWhitespace(document.QuerySelector("h1")?.TextContent ?? string.Empty);
        }

        return new ExtractedText(walker.ToString(), title.Length == 0 ? null : title);
    }

    /// <summary>
    /// Inline text is gathered per block and its whitespace collapsed once, as a browser does, so
    /// "a&lt;b&gt;b&lt;/b&gt;" stays one word and source line breaks do not leak into the text.
    /// </summary>
    private sealed class Walker
    {
        private readonly StructuredTextWriter _writer = new();
        private readonly StringBuilder _inline = new();
        private string _separator = " ";

        public void Visit(INode node)
        {
            switch (node)
            {
                case IText text:
                    _inline.Append(text.Data);
                    return;
                case IElement element:
                    VisitElement(element);
                    return;
                default:
                    VisitChildren(node);
                    return;
            }
        }

        private void VisitElement(IElement element)
        {
            var name = element.LocalName;
            if (Dropped.Contains(name))
            {
                return;
            }

            if (name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6')
            {
                EndBlock();
                _writer.Heading(name[1] - '0', element.TextContent);
                return;
            }

            switch (name)
            {
                case "pre":
                    EndBlock();
                    _writer.Preformatted(element.TextContent);
                    return;
                case "br":
                    FlushInline();
                    _separator = "\n";
                    return;
                case "td" or "th":
                    _inline.Append(' ');
                    VisitChildren(element);
                    _inline.Append(' ');
                    return;
            }

            var isBlock = Blocks.Contains(name);
            if (isBlock)
            {
                EndBlock();
            }

            VisitChildren(element);
            if (isBlock)
            {
                EndBlock();
            }
        }

        private void VisitChildren(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                Visit(child);
            }
        }

        private void FlushInline()
        {
            var text = StructuredTextWriter.CollapseWhitespace(_inline.ToString());
            _inline.Clear();
            if (text.Length > 0)
            {
                _writer.Append(text, _separator);
                _separator = " ";
            }
        }

        private void EndBlock()
        {
            FlushInline();
            _separator = " ";
            _writer.EndBlock();
        }

        public override string ToString()
        {
            EndBlock();
            return _writer.ToString();
        }
    }
}
