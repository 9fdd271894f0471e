using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RagPlatform.Core.Extraction;

/// <summary>
/// Shows a number cell as a person reads it in Excel rather than as stored: a date is stored as a serial day count
/// (46095) and shown through the cell's number format. Dates and times come out in ISO form (2026-03-14, 09:30) whatever
/// the format's locale order, so a search for a date finds it; percentages, fixed decimals and thousands separators
/// follow the format; anything else (General, fractions, scientific) is the shortest exact decimal.
/// </summary>
internal sealed class XlsxNumberFormats
{
    /// <summary>The built-in formats (ECMA-376 part 1, 18.8.30) whose display is not General.</summary>
    private static readonly Dictionary<uint, string> BuiltIn = new()
    {
        [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00", [9] = "0%", [10] = "0.00%",
        [14] = "yyyy-mm-dd", [15] = "d-mmm-yy", [16] = "d-mmm", [17] = "mmm-yy", [18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM",
        [20] = "h:mm", [21] = "h:mm:ss", [22] = "m/d/yy h:mm", [37] = "#,##0", [38] = "#,##0", [39] = "#,##0.00", [40] = "#,##0.00",
        [45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mm:ss.0",
    };

    private readonly string?[] _codeByStyle;
    private readonly bool _date1904;

    private XlsxNumberFormats(string?[] codeByStyle, bool date1904) => (_codeByStyle, _date1904) = (codeByStyle, date1904);

    public static XlsxNumberFormats From(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var custom = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(format => format.NumberFormatId?.Value is not null && format.FormatCode?.Value is not null)
            .GroupBy(format => format.NumberFormatId!.Value)
            .ToDictionary(group => group.Key, group => group.First().FormatCode!.Value!) ?? [];
        var codes = stylesheet?.CellFormats?.Elements<CellFormat>()
            .Select(format => format.NumberFormatId?.Value is { } id
                ? custom.TryGetValue(id, out var code) ? code : BuiltIn.GetValueOrDefault(id)
                : null)
            .ToArray() ?? [];
        return new XlsxNumberFormats(codes, workbook.Workbook?.WorkbookProperties?.Date1904?.Value == true);
    }

    /// <summary>The stored number <paramref name="raw"/> of a cell with style <paramref name="styleIndex"/>, as shown.</summary>
    public string Display(string raw, uint? styleIndex)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || double.IsInfinity(value))
        {
            return raw;
        }
        var code = styleIndex is { } index && index < _codeByStyle.Length ? _codeByStyle[index] : null;
        var section = code is null ? string.Empty : Significant(code);
        if (section.Length == 0 || section.Equals("general", StringComparison.Ordinal))
        {
            return General(value);
        }
        var hasDate = section.Contains('y') || section.Contains('d') || (section.Contains('m') && !section.Contains('h') && !section.Contains('s'));
        var hasTime = section.Contains('h') || section.Contains('s');
        if (hasDate || hasTime)
        {
            return DateTimeText(value, hasDate, hasTime, section.Contains('s')) ?? General(value);
        }
        if (section.Contains('e') || section.Contains('/'))
        {
            // Scientific and fraction formats: the exact decimal reads better than a rounding of it.
            return General(value);
        }
        var percent = section.Contains('%');
        var point = section.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : section[(point + 1)..].TakeWhile(c => c is '0' or '#' or '?').Count();
        var thousands = section[..(point < 0 ? section.Length : point)].Contains(',');
        var shown = (percent ? value * 100 : value).ToString((thousands ? "N" : "F") + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return percent ? shown + "%" : shown;
    }

    /// <summary>The first section of a format code, lower-cased, without literal text, escapes and [colour]/[locale] tags.</summary>
    private static string Significant(string code)
    {
        var text = new StringBuilder();
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            switch (c)
            {
                case ';':
                    return text.ToString();
                case '"':
                    i = code.IndexOf('"', i + 1) is var close and >= 0 ? close : code.Length;
                    break;
                case '\\' or '_' or '*':
                    i++; // the next character is literal, or padding
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    var tag = end < 0 ? string.Empty : code[(i + 1)..end].ToLowerInvariant();
                    // [h], [mm], [ss]: elapsed time, which is still time.
                    if (tag.Length > 0 && tag.All(t => t is 'h' or 'm' or 's'))
                    {
                        text.Append(tag);
                    }
                    i = end < 0 ? code.Length : end;
                    break;
                default:
                    text.Append(char.ToLowerInvariant(c));
                    break;
            }
        }
        return text.ToString().Replace("am/pm", string.Empty, StringComparison.Ordinal).Replace("a/p", string.Empty, StringComparison.Ordinal).Trim();
    }

    private string? DateTimeText(double serial, bool hasDate, bool hasTime, bool seconds)
    {
        const double MaxSerial = 2958465; // 9999-12-31
        if (serial < 0 || serial > MaxSerial)
        {
            return null;
        }
        var moment = DateTime.FromOADate(serial + (_date1904 ? 1462 : 0));
        // Round to the second: a stored 09:30 is often 09:29:59.9999.
        moment = new DateTime((moment.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
        var time = seconds ? "HH:mm:ss" : "HH:mm";
        var format = hasDate && hasTime ? $"yyyy-MM-dd {time}" : hasDate ? "yyyy-MM-dd" : time;
        return moment.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string General(double value) => value.ToString("G15", CultureInfo.InvariantCulture);
}
