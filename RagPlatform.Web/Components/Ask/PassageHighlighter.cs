namespace RagPlatform.Web.Components.Ask;

/// <summary>
/// Splits a cited chunk into the parts the answer quotes (highlighted) and the rest, so the reader sees which words of the
/// passage the answer rests on. A generated answer rarely quotes word for word; then the whole passage is highlighted.
/// </summary>
public static class PassageHighlighter
{
    private const int MinimumQuoteLength = 12;

    public static IReadOnlyList<(string Text, bool Highlighted)> Split(string passage, string answer)
    {
        var quoted = new bool[passage.Length];
        foreach (var sentence in Sentences(answer))
        {
            for (var at = passage.IndexOf(sentence, StringComparison.Ordinal); at >= 0; at = passage.IndexOf(sentence, at + sentence.Length, StringComparison.Ordinal))
            {
                Array.Fill(quoted, true, at, sentence.Length);
            }
        }
        if (!quoted.Contains(true))
        {
            return [(passage, true)];
        }

        var parts = new List<(string, bool)>();
        var start = 0;
        for (var i = 1; i <= passage.Length; i++)
        {
            if (i == passage.Length || quoted[i] != quoted[start])
            {
                parts.Add((passage[start..i], quoted[start]));
                start = i;
            }
        }
        return parts;
    }

    // The answer's sentences without their [n] markers: the pieces an extractive answer copies from its passages.
    private static IEnumerable<string> Sentences(string answer) =>
        CitationMarkers.Pattern().Split(answer)
            .SelectMany(piece => piece.Split(['.', '!', '?', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(sentence => sentence.Length >= MinimumQuoteLength)
            .Distinct(StringComparer.Ordinal);
}
