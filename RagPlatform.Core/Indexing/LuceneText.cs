using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace RagPlatform.Core.Indexing;

/// <summary>The one text analysis both backends use, so "running" and "runs" meet on the term "run" everywhere.</summary>
internal static class LuceneText
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Standard tokenizer, possessives, lower case, English stop words, Porter stemming.</summary>
    public static Analyzer CreateAnalyzer() => new EnglishAnalyzer(Version);

    /// <summary>
    /// The analysed terms of <paramref name="text"/> with their counts, in order of first appearance,
    /// keeping at most <paramref name="maxDistinct"/> distinct terms (later new terms are ignored).
    /// </summary>
    public static Dictionary<string, int> CountTerms(Analyzer analyzer, string field, string text, int maxDistinct = int.MaxValue)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        // Looked up by the token's characters: a string is made only for a term not seen before.
        var byChars = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = term.Buffer.AsSpan(0, term.Length);
            if (byChars.TryGetValue(value, out var count))
            {
                byChars[value] = count + 1;
            }
            else if (counts.Count < maxDistinct)
            {
                byChars[value] = 1;
            }
        }

        stream.End();
        return counts;
    }
}
