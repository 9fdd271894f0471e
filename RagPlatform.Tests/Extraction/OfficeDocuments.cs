using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using DocumentFormat.OpenXml.Spreadsheet;
using MimeKit;
using Drawing = DocumentFormat.OpenXml.Drawing;

namespace RagPlatform.Tests.Extraction;

/// <summary>XLSX workbooks, PPTX decks and mails built in memory by the tests, so no binary fixtures are committed.</summary>
internal static class OfficeDocuments
{
    /// <summary>A number stored with a number format: a built-in one by id (14 is a date), or a custom code (ids from 164).</summary>
    public sealed record Formatted(double Value, uint FormatId, string? Code = null);

    /// <summary>
    /// A workbook with one worksheet per entry; the first row of each is its header. Strings inline, numbers as numbers,
    /// <see cref="Formatted"/> numbers with their format in the workbook's styles, as Excel stores a date (a serial day count).
    /// </summary>
    public static byte[] Xlsx(params (string Name, object[][] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var styles = Styles(workbook, sheets.SelectMany(sheet => sheet.Rows).SelectMany(row => row).OfType<Formatted>().ToList());
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        var reference = $"{(char)('A' + c)}{r + 1}";
                        row.Append(rows[r][c] switch
                        {
                            string text => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)) },
                            Formatted number => new Cell { CellReference = reference, CellValue = new CellValue(number.Value), StyleIndex = styles[number] },
                            var number => new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture)) },
                        });
                    }
                    data.Append(row);
                }
                part.Worksheet = new Worksheet(data);
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = name });
            }
        }
        return stream.ToArray();
    }

    /// <summary>A styles part with one cell format per distinct number format; the style index of each.</summary>
    private static Dictionary<Formatted, uint> Styles(WorkbookPart workbook, List<Formatted> numbers)
    {
        var formats = numbers.Select(n => (n.FormatId, n.Code)).Distinct().ToList();
        var cellFormats = new CellFormats(new CellFormat { NumberFormatId = 0 });
        var custom = new NumberingFormats();
        foreach (var (id, code) in formats)
        {
            cellFormats.Append(new CellFormat { NumberFormatId = id, ApplyNumberFormat = true });
            if (code is not null)
            {
                custom.Append(new NumberingFormat { NumberFormatId = id, FormatCode = code });
            }
        }
        if (formats.Count > 0)
        {
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                custom, new Fonts(new DocumentFormat.OpenXml.Spreadsheet.Font()), new Fills(new Fill()), new Borders(new Border()), cellFormats);
        }
        return numbers.Distinct().ToDictionary(n => n, n => (uint)formats.IndexOf((n.FormatId, n.Code)) + 1);
    }

    /// <summary>A deck with one slide per entry: a title placeholder, a body text box and speaker notes.</summary>
    public static byte[] Pptx(params (string Title, string Body, string Notes)[] slides)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            presentation.Presentation = new Presentation(new SlideIdList());
            uint id = 256;
            foreach (var (title, body, notes) in slides)
            {
                var slide = presentation.AddNewPart<SlidePart>();
                slide.Slide = new Slide(new CommonSlideData(new ShapeTree(
                    Shape(1, title, PlaceholderValues.Title), Shape(2, body, null))));
                var notesPart = slide.AddNewPart<NotesSlidePart>();
                notesPart.NotesSlide = new NotesSlide(new CommonSlideData(new ShapeTree(Shape(3, notes, PlaceholderValues.Body))));
                presentation.Presentation.SlideIdList!.Append(new SlideId { Id = id++, RelationshipId = presentation.GetIdOfPart(slide) });
            }
        }
        return stream.ToArray();
    }

    /// <summary>A mail with a plain text body and text files attached.</summary>
    public static byte[] Eml(string subject, string body, params (string FileName, string Text)[] attachments)
    {
        var builder = new BodyBuilder { TextBody = body };
        foreach (var file in attachments)
        {
            builder.Attachments.Add(file.FileName, System.Text.Encoding.UTF8.GetBytes(file.Text), new ContentType("text", "plain"));
        }
        var message = new MimeMessage(
            [new MailboxAddress("Ada Keeper", "ada@example.com")], [new MailboxAddress("Harbour Office", "office@example.com")], subject, builder.ToMessageBody());
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private static DocumentFormat.OpenXml.Presentation.Shape Shape(uint id, string text, PlaceholderValues? placeholder)
    {
        var application = new ApplicationNonVisualDrawingProperties();
        if (placeholder is { } type)
        {
            application.Append(new PlaceholderShape { Type = type });
        }
        return new DocumentFormat.OpenXml.Presentation.Shape(
            new NonVisualShapeProperties(new NonVisualDrawingProperties { Id = id, Name = $"Shape {id}" }, new NonVisualShapeDrawingProperties(), application),
            new ShapeProperties(),
            new TextBody(new Drawing.BodyProperties(), new Drawing.Paragraph(new Drawing.Run(new Drawing.Text(text)))));
    }
}
