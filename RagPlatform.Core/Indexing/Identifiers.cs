using System.Text;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// Whole identifiers in text: part numbers (<c>XK-4471-B</c>), error codes (<c>0x80070005</c>), versions (<c>v2.3.1</c>),
/// e-mail addresses, file names, ticket ids. English analysis splits them at hyphens and '@' and stems their parts, so
/// <c>XK-4471-B</c> and <c>XK-4471-C</c> share two of three terms; the keyword index keeps them whole as well, in a field
/// of their own, lower-cased, so an exact one is one rare term.
/// </summary>
internal static class Identifiers
{
    private const int MaxLength = 128;

    /// <summary>Marks a whitespace-separated token as an identifier when inside it (not at its ends).</summary>
    private static readonly char[] InnerMarks = ['-', '_', '.', '@', '/', '\\', ':', '#', '+'];

    private static readonly char[] Trimmed = ['.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '"', '\'', '<', '>', '`', '*'];

    /// <summary>The distinct identifiers of <paramref name="text"/>, lower-cased, space-separated (a whitespace analyzer's input).</summary>
    public static string Field(string? text)
    {
        var builder = new StringBuilder();
        foreach (var identifier in In(text))
        {
            builder.Append(identifier).Append(' ');
        }

        return builder.ToString();
    }

    /// <summary>The distinct identifiers of <paramref name="text"/>, lower-cased, in order of first appearance.</summary>
    public static IReadOnlyList<string> In(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.AsSpan().Trim(Trimmed);
            if (token.Length < 2 || token.Length > MaxLength || !IsIdentifier(token))
            {
                continue;
            }

            var lowered = token.ToString().ToLowerInvariant();
            if (seen.Add(lowered))
            {
                found.Add(lowered);
            }
        }

        return found;
    }

    /// <summary>Letters with digits (<c>ab12</c>), or word characters joined by an inner mark (<c>a-b</c>, <c>a@b.c</c>).</summary>
    private static bool IsIdentifier(ReadOnlySpan<char> token)
    {
        bool letter = false, digit = false;
        foreach (var c in token)
        {
            letter |= char.IsLetter(c);
            digit |= char.IsDigit(c);
        }

        return (letter || digit) && (digit || token[1..^1].IndexOfAny(InnerMarks) >= 0);
    }
}
