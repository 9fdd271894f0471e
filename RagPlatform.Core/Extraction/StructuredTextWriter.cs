using System.Text;

namespace RagPlatform.Core.Extraction;

/// <summary>
/// Writes the layout every extractor produces, so the chunker sees one convention: blocks separated by exactly
/// one blank line, headings as "#" lines, no trailing spaces.
/// </summary>
internal sealed class StructuredTextWriter
{
    private readonly StringBuilder _text = new();
    private bool _inBlock;

    public void Heading(int level, string title)
    {
        title = CollapseWhitespace(title);
        if (title.Length == 0)
        {
            return;
        }

        EndBlock();
        Append($"{new string('#', Math.Clamp(level, 1, 6))} {title}");
        EndBlock();
    }

    /// <summary>Appends text to the current block, separating it from what came before by <paramref name="separator"/>.</summary>
    public void Append(string text, string separator = " ")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (_inBlock)
        {
            _text.Append(separator);
        }
        else if (_text.Length > 0)
        {
            _text.Append("\n\n");
        }

        _text.Append(text);
        _inBlock = true;
    }

    /// <summary>A block of lines kept as they are (code, preformatted text).</summary>
    public void Preformatted(string text)
    {
        EndBlock();
        var lines = TextNormalizer.Normalize(text);
        if (lines.Trim().Length > 0)
        {
            Append(lines.Trim('\n'));
        }

        EndBlock();
    }

    public void EndBlock() => _inBlock = false;

    public override string ToString() => TextNormalizer.Normalize(_text.ToString());

    public static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
