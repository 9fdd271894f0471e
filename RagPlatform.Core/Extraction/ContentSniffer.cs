using System.Buffers.Binary;
using System.IO.Compression;

namespace RagPlatform.Core.Extraction;

/// <summary>
/// Checks uploaded bytes against their declared content type before anything is stored, so a mislabelled file is
/// refused with a clear reason instead of failing later in the pipeline. Pure and thread-safe.
/// </summary>
public static class ContentSniffer
{
    /// <summary>PDF readers look for the header within the first 1024 bytes; so do we.</summary>
    private const int PdfHeaderWindow = 1024;

    private const string DocxMainPart = "word/document.xml";

    // Signatures with bytes above 0x7F are arrays: a u8 literal would encode "\xFF" as two UTF-8 bytes.
    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> ElfSignature => [0x7F, 0x45, 0x4C, 0x46];

    public static ContentCheck Check(ReadOnlySpan<byte> content, string declaredContentType)
    {
        var contentType = ContentTypes.Normalize(declaredContentType);
        if (!ContentTypes.IsSupported(contentType))
        {
            return new(ContentCheckStatus.Unsupported,
                $"Content type '{declaredContentType}' is not supported; use one of: {string.Join(", ", ContentTypes.Supported)}.");
        }

        return contentType switch
        {
            ContentTypes.Pdf => CheckPdf(content),
            ContentTypes.Docx => CheckDocx(content),
            ContentTypes.Xlsx => CheckOfficePackage(content, "an XLSX workbook", "xl/workbook.xml"),
            ContentTypes.Pptx => CheckOfficePackage(content, "a PPTX presentation", "ppt/presentation.xml"),
            ContentTypes.Eml => CheckMail(content),
            ContentTypes.Png => CheckImage(content, "PNG", content.StartsWith(PngSignature)),
            ContentTypes.Jpeg => CheckImage(content, "JPEG", content.StartsWith(JpegSignature)),
            ContentTypes.Tiff => CheckImage(content, "TIFF", content.StartsWith("II*\0"u8) || content.StartsWith("MM\0*"u8)),
            _ => CheckText(content, contentType),
        };
    }

    private static ContentCheck CheckPdf(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return Unreadable("The PDF is empty.");
        }

        var window = content[..Math.Min(content.Length, PdfHeaderWindow)];
        return window.IndexOf("%PDF-"u8) >= 0
            ? ContentCheck.Ok
            : Mismatch($"Declared {ContentTypes.Pdf}, so a PDF starting with '%PDF-' was expected, but the content is {Describe(content)}.");
    }

    private static ContentCheck CheckOfficePackage(ReadOnlySpan<byte> content, string kind, string mainPart)
    {
        if (content.IsEmpty || !content.StartsWith("PK\x03\x04"u8))
        {
            return content.IsEmpty ? Unreadable($"The file is empty.") : Mismatch($"Declared {kind}, so a ZIP package was expected, but the content is {Describe(content)}.");
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            return zip.GetEntry(mainPart) is not null
                ? ContentCheck.Ok
                : Mismatch($"Declared {kind}, but the content is a ZIP archive without '{mainPart}'.");
        }
        catch (InvalidDataException e)
        {
            return Unreadable($"The file is not a readable ZIP archive (is it truncated?): {e.Message}");
        }
    }

    /// <summary>A mail starts with header lines ("Name: value"); its body may be in any charset, so it is not checked as UTF-8.</summary>
    private static ContentCheck CheckMail(ReadOnlySpan<byte> content)
    {
        var firstLine = content[..Math.Max(0, content.IndexOf((byte)'\n') is var end and >= 0 ? end : content.Length)];
        var colon = firstLine.IndexOf((byte)':');
        return DetectBinary(content) is { } binary ? Mismatch($"Declared {ContentTypes.Eml}, so a mail was expected, but the content is {binary}.")
            : colon > 0 && firstLine[..colon].IndexOfAny(" \t"u8) < 0 ? ContentCheck.Ok
            : Mismatch($"Declared {ContentTypes.Eml}, so a mail starting with header lines (From:, Subject:...) was expected.");
    }

    private static ContentCheck CheckImage(ReadOnlySpan<byte> content, string kind, bool signatureMatches) =>
        content.IsEmpty ? Unreadable($"The {kind} image is empty.")
        : signatureMatches ? ContentCheck.Ok
        : Mismatch($"Declared a {kind} image, but the content is {Describe(content)}.");

    private static ContentCheck CheckDocx(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return Unreadable("The DOCX file is empty.");
        }

        if (!content.StartsWith("PK\x03\x04"u8))
        {
            return Mismatch($"Declared a DOCX ({ContentTypes.Docx}), so a ZIP package was expected, but the content is {Describe(content)}.");
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            return zip.GetEntry(DocxMainPart) is not null
                ? ContentCheck.Ok
                : Mismatch($"Declared a DOCX, but the content is a ZIP archive without '{DocxMainPart}', so not a Word document.");
        }
        catch (InvalidDataException e)
        {
            return Unreadable($"The DOCX file is not a readable ZIP archive (is it truncated?): {e.Message}");
        }
    }

    private static ContentCheck CheckText(ReadOnlySpan<byte> content, string contentType)
    {
        if (content.StartsWith(Utf16LittleEndianBom) || content.StartsWith(Utf16BigEndianBom))
        {
            return Unreadable($"Declared {contentType}, but the text is UTF-16; save it as UTF-8 and upload it again.");
        }

        var binary = DetectBinary(content);
        if (binary is not null)
        {
            return Mismatch($"Declared {contentType}, so UTF-8 text was expected, but the content is {binary}.");
        }

        if (content.IndexOf((byte)0) >= 0)
        {
            return Mismatch($"Declared {contentType}, so UTF-8 text was expected, but the content has NUL bytes, so it is binary data.");
        }

        var invalid = Utf8Text.FindInvalid(Utf8Text.StripBom(content));
        return invalid < 0 ? ContentCheck.Ok : Unreadable(Utf8Text.InvalidMessage(invalid + (content.StartsWith("\uFEFF"u8) ? 3 : 0)));
    }

    /// <summary>What the bytes look like, for the reason a check failed.</summary>
    private static string Describe(ReadOnlySpan<byte> content) =>
        DetectBinary(content)
        ?? (content.IndexOf((byte)0) < 0 && Utf8Text.FindInvalid(content) < 0 ? "text" : "unrecognised binary data");

    /// <summary>A name for well-known binary signatures; null when none matches.</summary>
    private static string? DetectBinary(ReadOnlySpan<byte> content)
    {
        // For text uploads a PDF counts only when its header comes first (after whitespace or a BOM), so a text
        // that merely mentions "%PDF-" is not refused.
        var start = Utf8Text.StripBom(content);
        start = start[(start.Length - start.TrimStart(" \t\r\n\f"u8).Length)..];
        if (start.StartsWith("%PDF-"u8))
        {
            return "a PDF document";
        }

        if (content.StartsWith("PK\x03\x04"u8) || content.StartsWith("PK\x05\x06"u8))
        {
            return "a ZIP archive (such as DOCX or XLSX)";
        }

        if (content.StartsWith(PngSignature))
        {
            return "a PNG image";
        }

        if (content.StartsWith(JpegSignature))
        {
            return "a JPEG image";
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return "a GIF image";
        }

        if (content.StartsWith(ElfSignature))
        {
            return "an ELF executable";
        }

        return IsPortableExecutable(content) ? "a Windows executable" : null;
    }

    /// <summary>"MZ" alone starts ordinary text too, so the PE signature its header points to must be there as well.</summary>
    private static bool IsPortableExecutable(ReadOnlySpan<byte> content)
    {
        if (!content.StartsWith("MZ"u8) || content.Length < 0x40)
        {
            return false;
        }

        var peOffset = BinaryPrimitives.ReadInt32LittleEndian(content[0x3C..]);
        return peOffset >= 0x40 && peOffset <= content.Length - 4 && content.Slice(peOffset, 4).SequenceEqual("PE\0\0"u8);
    }

    private static ContentCheck Mismatch(string reason) => new(ContentCheckStatus.Mismatch, reason);

    private static ContentCheck Unreadable(string reason) => new(ContentCheckStatus.Unreadable, reason);
}
