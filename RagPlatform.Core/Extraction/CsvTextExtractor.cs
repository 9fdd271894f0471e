using System.Text;

namespace RagPlatform.Core.Extraction;

/// <summary>
/// CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) to one section of rows, each with its
/// header (<see cref="SheetWriter"/>). The delimiter is the first line's most frequent of comma, semicolon and tab,
/// so spreadsheets saved in locales that write decimal commas read too.
/// </summary>
public sealed class CsvTextExtractor : ITextExtractor
{
    public string ContentType => ContentTypes.Csv;

    public ExtractedText Extract(string content)
    {
        var writer = new StructuredTextWriter();
        SheetWriter.Write(writer, null, Parse(content, Delimiter(content)));
        return new ExtractedText(writer.ToString(), Title: null);
    }

    private static char Delimiter(string content)
    {
        var end = content.IndexOf('\n');
        var firstLine = end < 0 ? content : content[..end];
        return new[] { ',', ';', '\t' }.MaxBy(candidate => firstLine.Count(c => c == candidate));
    }

    private static IEnumerable<IReadOnlyList<string>> Parse(string content, char delimiter)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < content.Length && content[i + 1] == '\n')
                {
                    i++;
                }
                row.Add(field.ToString());
                field.Clear();
                yield return row;
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
