using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RagPlatform.Core.Extraction;

/// <summary>Markdown to structured plain text: headings stay "#" lines, markup goes, code text stays. Title = first H1.</summary>
public sealed class MarkdownTextExtractor : ITextExtractor
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public string ContentType => ContentTypes.Markdown;

    public ExtractedText Extract(string content)
    {
        var document = Markdown.Parse(content, Pipeline);
        var writer = new StructuredTextWriter();
        string? title = null;
        WriteBlocks(document, writer, ref title);
        return new ExtractedText(writer.ToString(), title);
    }

    private static void WriteBlocks(ContainerBlock container, StructuredTextWriter writer, ref string? title)
    {
        foreach (var block in container)
        {
            WriteBlock(block, writer, ref title);
        }
    }

    private static void WriteBlock(Block block, StructuredTextWriter writer, ref string? title)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var text = InlineText(heading.Inline);
                if (heading.Level == 1 && title is null && text.Length > 0)
                {
                    title = StructuredTextWriter.CollapseWhitespace(text);
                }

                writer.Heading(heading.Level, text);
                break;
            case CodeBlock code:
                writer.Preformatted(code.Lines.ToString());
                break;
            case HtmlBlock:
            case ThematicBreakBlock:
            case LinkReferenceDefinitionGroup:
                break;
            case TableRow row:
                writer.Append(string.Join(" | ", row.OfType<TableCell>().Select(CellText)), "\n");
                break;
            case ListBlock list:
                WriteList(list, writer, ref title);
                writer.EndBlock();
                break;
            case LeafBlock leaf:
                writer.Append(InlineText(leaf.Inline));
                writer.EndBlock();
                break;
            case ContainerBlock child:
                WriteBlocks(child, writer, ref title);
                writer.EndBlock();
                break;
        }
    }

    /// <summary>One line per item, so items stay separate sentences for the chunker but one paragraph.</summary>
    private static void WriteList(ListBlock list, StructuredTextWriter writer, ref string? title)
    {
        foreach (var item in list.OfType<ListItemBlock>())
        {
            foreach (var block in item)
            {
                switch (block)
                {
                    case ParagraphBlock paragraph:
                        writer.Append(InlineText(paragraph.Inline), "\n");
                        break;
                    case ListBlock nested:
                        WriteList(nested, writer, ref title);
                        break;
                    default:
                        writer.EndBlock();
                        WriteBlock(block, writer, ref title);
                        break;
                }
            }
        }
    }

    private static string CellText(TableCell cell) =>
        string.Join(' ', cell.OfType<LeafBlock>().Select(b => InlineText(b.Inline)));

    private static string InlineText(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        AppendInlines(inlines, text);
        return text.ToString().Trim();
    }

    private static void AppendInlines(ContainerInline? container, StringBuilder text)
    {
        if (container is null)
        {
            return;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? '\n' : ' ');
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case ContainerInline child:
                    AppendInlines(child, text);
                    break;
            }
        }
    }
}
