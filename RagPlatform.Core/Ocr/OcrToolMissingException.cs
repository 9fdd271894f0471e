namespace RagPlatform.Core.Ocr;

/// <summary>An OCR tool is not installed where the worker runs; the message names the Debian package that provides it.</summary>
public sealed class OcrToolMissingException(string tool, string package, Exception? inner = null)
    : Exception($"Reading this document needs OCR, and '{tool}' is not installed on the worker: install the Debian package {package} " +
        "(apt-get install " + package + "), then retry the document (POST /api/v1/documents/{id}/retry).", inner)
{
    public string Tool { get; } = tool;

    public string Package { get; } = package;
}
