using System.Text;
using System.Text.Unicode;

namespace RagPlatform.Core.Extraction;

/// <summary>Strict UTF-8: invalid bytes are an error, never silently replaced by U+FFFD.</summary>
internal static class Utf8Text
{
    public static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    /// <summary>The byte offset of the first invalid sequence, or -1 when all of <paramref name="bytes"/> is valid UTF-8.</summary>
    public static int FindInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    /// <summary>Decodes UTF-8 (a BOM is dropped).</summary>
    /// <exception cref="DocumentUnreadableException">The bytes are not valid UTF-8.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        bytes = StripBom(bytes);
        var invalid = FindInvalid(bytes);
        return invalid < 0
            ? Encoding.UTF8.GetString(bytes)
            : throw new DocumentUnreadableException(InvalidMessage(invalid));
    }

    public static string InvalidMessage(int offset) =>
        $"The text is not valid UTF-8: invalid byte sequence at byte {offset}. Save the file as UTF-8 and upload it again.";
}
