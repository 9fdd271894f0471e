namespace RagPlatform.Core.Extraction;

/// <summary>
/// Tables of rows (a CSV file, a worksheet) as text a chunk can be read alone from: each sheet a section under its own
/// heading, each row a paragraph of "header: value" pairs, so a chunk cut anywhere still says what every value is.
/// </summary>
internal static class SheetWriter
{
    /// <summary>Writes one sheet; its first non-empty row is the header. A sheet of one row is written as that row.</summary>
    public static void Write(StructuredTextWriter writer, string? name, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (name is not null)
        {
            writer.Heading(1, name);
        }
        IReadOnlyList<string>? header = null;
        foreach (var row in rows)
        {
            var cells = row.Select(StructuredTextWriter.CollapseWhitespace).ToArray();
            if (cells.All(cell => cell.Length == 0))
            {
                continue;
            }
            if (header is null)
            {
                header = cells;
                continue;
            }
            var pairs = cells
                .Select((cell, i) => (Cell: cell, Header: i < header.Count && header[i].Length > 0 ? header[i] : $"Column {i + 1}"))
                .Where(pair => pair.Cell.Length > 0)
                .Select(pair => $"{pair.Header}: {pair.Cell}");
            writer.Append(string.Join("; ", pairs));
            writer.EndBlock();
        }
        if (header is not null && writer.ToString().Length == 0)
        {
            writer.Append(string.Join("; ", header.Where(cell => cell.Length > 0)));
            writer.EndBlock();
        }
    }
}
