using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Ocr;

/// <summary>
/// Optical character recognition of scanned PDF pages and images (section "Ocr"): Debian's poppler-utils renders pages
/// (pdftoppm), tesseract-ocr recognises them, each run as a process with a timeout and a cap on its output.
/// </summary>
public sealed class OcrOptions
{
    public const string SectionName = "Ocr";

    /// <summary>Tesseract languages, joined by '+' ("eng", "eng+deu"); each needs its package (tesseract-ocr-deu...).</summary>
    [RegularExpression("^[a-z_]+(\\+[a-z_]+)*$", ErrorMessage = "Ocr:Languages must be tesseract language codes joined by '+', such as 'eng' or 'eng+deu'.")]
    public string Languages { get; set; } = "eng";

    /// <summary>Longest one page may take to render or to recognise before the attempt fails (and is retried).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Resolution scanned pages are rendered at; tesseract reads best from about 300 dpi.</summary>
    [Range(72, 600)]
    public int Dpi { get; set; } = 300;

    /// <summary>Most bytes read from one tool's output (an image of a page, the text of a page); more fails the page.</summary>
    [Range(1024, 512L * 1024 * 1024)]
    public long MaxOutputBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// A PDF page with an image and fewer text-layer characters than this per square inch of page is recognised: a scan,
    /// or a scan with a stamp or page number in its text layer. 0.5 is about 48 characters on an A4 page.
    /// </summary>
    [Range(0.0, 100.0)]
    public double MinCharactersPerSquareInch { get; set; } = 0.5;

    /// <summary>The tesseract executable (a name on PATH, or a path).</summary>
    [Required]
    public string TesseractPath { get; set; } = "tesseract";

    /// <summary>The pdftoppm executable (a name on PATH, or a path).</summary>
    [Required]
    public string PdftoppmPath { get; set; } = "pdftoppm";
}
