using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Ocr;

/// <summary>
/// Recognises the text of one image with tesseract's TSV output: words with their block, paragraph and line, and a
/// confidence each, so paragraphs survive for the chunker and the page gets a confidence.
/// </summary>
public sealed class TesseractOcr(IOptions<OcrOptions> options)
{
    public const string Package = "tesseract-ocr";

    public async Task<RecognizedPage> RecognizeAsync(string imagePath, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var tsv = await ToolProcess.RunAsync(settings.TesseractPath, $"{Package} (and tesseract-ocr-<lang> for each of Ocr:Languages '{settings.Languages}')",
            [imagePath, "stdout", "-l", settings.Languages, "tsv"], settings.PageTimeout, settings.MaxOutputBytes, cancellationToken);
        return Parse(tsv);
    }

    /// <summary>Tesseract's TSV (level, page, block, paragraph, line, word, box, confidence, text) to paragraphs and a mean confidence.</summary>
    public static RecognizedPage Parse(string tsv)
    {
        var text = new StringBuilder();
        var confidence = 0.0;
        var words = 0;
        (string Block, string Paragraph, string Line)? previous = null;
        foreach (var row in tsv.Split('\n').Skip(1))
        {
            var fields = row.TrimEnd('\r').Split('\t');
            if (fields.Length < 12 || fields[0] != "5" || string.IsNullOrWhiteSpace(fields[11]))
            {
                continue; // not a word, or an empty one
            }
            var position = (fields[2], fields[3], fields[4]);
            if (previous is { } last)
            {
                text.Append(last.Block != position.Item1 || last.Paragraph != position.Item2 ? "\n\n" : " ");
            }
            previous = position;
            text.Append(fields[11].Trim());
            if (double.TryParse(fields[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var wordConfidence) && wordConfidence >= 0)
            {
                confidence += wordConfidence;
                words++;
            }
        }
        return new RecognizedPage(text.ToString(), words == 0 ? 0 : Math.Round(confidence / words, 1));
    }
}
