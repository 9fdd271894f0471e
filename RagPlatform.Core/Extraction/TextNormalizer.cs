namespace RagPlatform.Core.Extraction;

/// <summary>Line-ending and whitespace clean-up shared by every extractor, so offsets mean the same everywhere.</summary>
internal static class TextNormalizer
{
    /// <summary>LF line endings, no trailing spaces, at most one blank line in a row, no blank lines at either end.</summary>
    public static string Normalize(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var result = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length == 0 && (result.Count == 0 || result[^1].Length == 0))
            {
                continue;
            }

            result.Add(trimmed);
        }

        while (result.Count > 0 && result[^1].Length == 0)
        {
            result.RemoveAt(result.Count - 1);
        }

        return string.Join('\n', result);
    }
}
