using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;

namespace RagPlatform.Core.Extraction;

/// <summary>
/// Finds tables on a PDF page from its words' positions (PdfPig gives no table structure). Conservative: a table is at
/// least three consecutive lines, each cut into the same number (two or more) of cells by gaps of at least an em, whose
/// columns never overlap from one row to the next and whose cells line up (left, right or centre) in every column, and
/// whose cells are short (three words or fewer on average: the lines of two columns of prose are longer). Anything
/// else stays running text, which is what a wrongly found table would have been worse than.
/// </summary>
internal static class PdfTables
{
    private const int MinRows = 3;
    private const double MaxMeanWordsPerCell = 3.0;

    /// <summary>A table found: its rows of cell texts, and a block of its words for reading order.</summary>
    public sealed record Table(IReadOnlyList<IReadOnlyList<string>> Rows, TextBlock Block, IReadOnlyList<Word> Words);

    public static IReadOnlyList<Table> Find(IReadOnlyList<Word> words)
    {
        var lines = Lines(words.Where(w => w.TextOrientation == TextOrientation.Horizontal && w.Letters.Count > 0));
        var tables = new List<Table>();
        var start = 0;
        while (start < lines.Count)
        {
            var end = start + 1;
            if (lines[start].Cells.Count >= 2)
            {
                while (end < lines.Count && Continues(lines, start, end))
                {
                    end++;
                }
            }
            if (end - start >= MinRows && IsTable(lines, start, end))
            {
                tables.Add(ToTable(lines.GetRange(start, end - start)));
                start = end;
            }
            else
            {
                start++;
            }
        }
        return tables;
    }

    /// <summary>A line's words cut into cells where the gap is an em or wider.</summary>
    private sealed record Line(List<List<Word>> Cells, double Top, double Bottom, double Em)
    {
        public double Left(int cell) => Cells[cell][0].BoundingBox.Left;

        public double Right(int cell) => Cells[cell][^1].BoundingBox.Right;
    }

    /// <summary>Words grouped into lines top to bottom (PDF y grows upwards), each line's words left to right.</summary>
    private static List<Line> Lines(IEnumerable<Word> words)
    {
        var lines = new List<List<Word>>();
        foreach (var word in words.OrderByDescending(w => w.BoundingBox.Centroid.Y))
        {
            var line = lines.Count > 0 ? lines[^1] : null;
            if (line is not null && Math.Abs(line[0].BoundingBox.Centroid.Y - word.BoundingBox.Centroid.Y) < Em(line[0]) / 2)
            {
                line.Add(word);
            }
            else
            {
                lines.Add([word]);
            }
        }
        return lines.Select(ToLine).ToList();
    }

    private static Line ToLine(List<Word> words)
    {
        words.Sort((a, b) => a.BoundingBox.Left.CompareTo(b.BoundingBox.Left));
        var em = words.Max(Em);
        var cells = new List<List<Word>> { new() { words[0] } };
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i].BoundingBox.Left - words[i - 1].BoundingBox.Right >= em)
            {
                cells.Add([]);
            }
            cells[^1].Add(words[i]);
        }
        return new Line(cells, words.Max(w => w.BoundingBox.Top), words.Min(w => w.BoundingBox.Bottom), em);
    }

    /// <summary>The font size in points: a word's box is only as tall as its glyphs, which lower-case words are not.</summary>
    private static double Em(Word word) => Math.Max(word.Letters.Max(l => l.PointSize), word.BoundingBox.Height);

    /// <summary>Whether line <paramref name="next"/> continues the rows from <paramref name="start"/>: same cells, close below, columns still apart.</summary>
    private static bool Continues(List<Line> lines, int start, int next)
    {
        var line = lines[next];
        var previous = lines[next - 1];
        if (line.Cells.Count != lines[start].Cells.Count || previous.Bottom - line.Top > 2 * Math.Max(line.Em, previous.Em))
        {
            return false;
        }
        for (var column = 0; column + 1 < line.Cells.Count; column++)
        {
            var right = Enumerable.Range(start, next - start + 1).Max(i => lines[i].Right(column));
            var left = Enumerable.Range(start, next - start + 1).Min(i => lines[i].Left(column + 1));
            if (right >= left)
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsTable(List<Line> lines, int start, int end)
    {
        var rows = lines.GetRange(start, end - start);
        var cells = rows.SelectMany(row => row.Cells).ToList();
        if (cells.Average(cell => cell.Count) > MaxMeanWordsPerCell)
        {
            return false;
        }
        var em = rows.Max(row => row.Em);
        for (var column = 0; column < rows[0].Cells.Count; column++)
        {
            var lefts = rows.Select(row => row.Left(column)).ToList();
            var rights = rows.Select(row => row.Right(column)).ToList();
            var centres = lefts.Zip(rights, (l, r) => (l + r) / 2).ToList();
            if (!new[] { lefts, rights, centres }.Any(edges => edges.Max() - edges.Min() <= em))
            {
                return false;
            }
        }
        return true;
    }

    private static Table ToTable(List<Line> rows)
    {
        var cells = rows.Select(row => (IReadOnlyList<string>)row.Cells.Select(cell => string.Join(' ', cell.Select(w => w.Text))).ToList()).ToList();
        var words = rows.SelectMany(row => row.Cells.SelectMany(cell => cell)).ToList();
        var block = new TextBlock(rows.Select(row => new TextLine(row.Cells.SelectMany(cell => cell).ToList(), " ")).ToList(), "\n");
        return new Table(cells, block, words);
    }
}
