using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RagPlatform.Core.Extraction;

/// <summary>
/// XLSX to text: each worksheet a section under its name, each row a paragraph of "header: value" pairs taken from the
/// sheet's first row (<see cref="SheetWriter"/>). Cells are placed by their reference, so empty cells keep the columns
/// aligned; shared and inline strings, booleans and cached formula results are read as shown, numbers and dates through
/// their number format (<see cref="XlsxNumberFormats"/>: a date cell reads 2026-03-14, not its serial 46095).
/// </summary>
public sealed class XlsxTextExtractor : IBinaryTextExtractor
{
    public string ContentType => ContentTypes.Xlsx;

    public ExtractedText Extract(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(content.ToArray(), writable: false), isEditable: false);
            var workbook = document.WorkbookPart ?? throw new DocumentUnreadableException("The XLSX file could not be read: it has no workbook.");
            var strings = workbook.SharedStringTablePart is { } table ? Elements<SharedStringItem>(table).Select(item => item.InnerText).ToArray() : [];
            var formats = XlsxNumberFormats.From(workbook);
            var writer = new StructuredTextWriter();
            foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
            {
                if (sheet.Id?.Value is { } id && workbook.GetPartById(id) is WorksheetPart part)
                {
                    SheetWriter.Write(writer, sheet.Name?.Value ?? "Sheet", Rows(part, strings, formats));
                }
            }
            var title = StructuredTextWriter.CollapseWhitespace(document.PackageProperties.Title ?? string.Empty);
            return new ExtractedText(writer.ToString(), title.Length > 0 ? title : null);
        }
        catch (DocumentUnreadableException)
        {
            throw;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            throw new DocumentUnreadableException($"The XLSX file could not be read: {e.Message}", e);
        }
    }

    private static IEnumerable<IReadOnlyList<string>> Rows(WorksheetPart part, string[] strings, XlsxNumberFormats formats)
    {
        foreach (var row in Elements<Row>(part))
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                while (cells.Count < column)
                {
                    cells.Add(string.Empty);
                }
                cells.Add(Value(cell, strings, formats));
            }
            yield return cells;
        }
    }

    private static string Value(Cell cell, string[] strings, XlsxNumberFormats formats)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, out var index) && index >= 0 && index < strings.Length ? strings[index] : string.Empty;
        }
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }
        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }
        if (type is null || type == CellValues.Number)
        {
            return raw.Length == 0 ? raw : formats.Display(raw, cell.StyleIndex?.Value);
        }
        return raw;
    }

    /// <summary>
    /// The part's <typeparamref name="T"/> elements one at a time, each loaded alone: the SDK's DOM of a whole worksheet
    /// took 2.2 GB for a 20 MB workbook (docs/benchmarks.md), a row at a time takes what the row does.
    /// </summary>
    private static IEnumerable<T> Elements<T>(OpenXmlPart part) where T : OpenXmlElement
    {
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(T) && reader.IsStartElement)
            {
                // Loading the element moves the reader past it, onto the next sibling: read on without Read() then.
                do
                {
                    yield return (T)reader.LoadCurrentElement()!;
                }
                while (reader.ElementType == typeof(T) && reader.IsStartElement);
            }
        }
    }

    /// <summary>"C7" is column 2 (from 0).</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return Math.Max(0, index - 1);
    }
}
