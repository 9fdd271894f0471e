using System.Buffers;
using System.Text;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Api.Answers;

/// <summary>
/// Answers without a language model: picks the sentences of the retrieved chunks that cover the
/// most question terms, each followed by the number of the chunk it came from. It never says
/// anything the sources do not say, word for word.
/// </summary>
public static class ExtractiveAnswerer
{
    public const string NothingFound = "No indexed document answers this question.";
    private const int MaxSentences = 3;
    private const int MinSentenceLength = 12;

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "in", "is", "it",
        "of", "on", "or", "that", "the", "this", "to", "was", "what", "when", "where", "which", "who", "why", "with", "you",
    ];

    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create(".!?\n");

    /// <param name="sources">Hits in rank order; the answer cites them as [1], [2], …</param>
    public static string Answer(string question, IReadOnlyList<SearchHit> sources)
    {
        if (sources.Count == 0)
        {
            return NothingFound;
        }

        var terms = Terms(question);
        var candidates = new List<(double Score, int Source, int Order, string Sentence)>();
        for (var source = 0; source < sources.Count; source++)
        {
            var order = 0;
            foreach (var sentence in Sentences(sources[source].Text))
            {
                var covered = terms.Count == 0 ? 0 : Terms(sentence).Count(terms.Contains);
                // Coverage of the question decides; the retriever's rank breaks ties.
                var score = covered + 1.0 / (2 + source);
                candidates.Add((score, source, order++, sentence));
            }
        }

        var chosen = candidates
            .Where(c => c.Score >= 1 || c.Source == 0)
            .OrderByDescending(c => c.Score)
            .Take(MaxSentences)
            .ToList();
        if (chosen.Count == 0)
        {
            return NothingFound;
        }

        var answer = new StringBuilder();
        foreach (var (_, source, _, sentence) in chosen)
        {
            if (answer.Length > 0)
            {
                answer.Append(' ');
            }
            answer.Append(sentence).Append(" [").Append(source + 1).Append(']');
        }
        return answer.ToString();
    }

    internal static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.AsSpan(start).IndexOfAny(SentenceEnds);
            end = end < 0 ? text.Length : start + end + 1;
            var sentence = text[start..end].Trim();
            start = end;
            // Skip fragments and markdown heading markers: they make poor answers.
            sentence = sentence.TrimStart('#', ' ');
            if (sentence.Length >= MinSentenceLength)
            {
                yield return sentence;
            }
        }
    }

    internal static HashSet<string> Terms(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            AddWord(terms, word);
        }
        AddWord(terms, word);
        return terms;
    }

    private static void AddWord(HashSet<string> terms, StringBuilder word)
    {
        if (word.Length == 0)
        {
            return;
        }
        var value = word.ToString();
        word.Clear();
        if (StopWords.Contains(value))
        {
            return;
        }
        // A crude plural fold so "documents" meets "document"; stemming proper belongs to BM25.
        if (value.Length > 3 && value[^1] == 's' && value[^2] != 's')
        {
            value = value[..^1];
        }
        terms.Add(value);
    }
}
