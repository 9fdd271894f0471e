namespace RagPlatform.Core.Extraction;

/// <summary>Rows of cells as a Markdown table, the first row its header, so a row read alone still lines up with its columns.</summary>
internal static class MarkdownTable
{
    /// <summary>One line per row, short rows padded with empty cells; empty when there are no rows.</summary>
    public static string Format(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Count == 0)
        {
            return string.Empty;
        }
        var width = rows.Max(cells => cells.Count);
        var lines = new List<string>(rows.Count + 1);
        foreach (var cells in rows)
        {
            var padded = cells.Select(Escape).Concat(Enumerable.Repeat(string.Empty, width - cells.Count));
            lines.Add($"| {string.Join(" | ", padded)} |");
            if (lines.Count == 1)
            {
                lines.Add($"|{string.Concat(Enumerable.Repeat(" --- |", width))}");
            }
        }
        return string.Join('\n', lines);
    }

    private static string Escape(string cell) => StructuredTextWriter.CollapseWhitespace(cell).Replace("|", "\\|", StringComparison.Ordinal);
}
