namespace RagPlatform.Core.Chunking;

/// <summary>How good a place to cut the boundary before a segment is: the chunker prefers the higher kinds.</summary>
internal enum BreakKind
{
    Word,
    Sentence,
    Paragraph,
}

/// <summary>A run of text [Start, End) that is never cut, already counted; no segment exceeds the chunk limit.</summary>
internal readonly record struct Segment(int Start, int End, int Tokens, BreakKind Before);

/// <summary>The text under one heading path; chunks never span two sections.</summary>
internal sealed record Section(string? HeadingPath, List<Segment> Segments);

/// <summary>
/// Cuts text into sections at markdown headings and sections into counted segments: sentences, or words
/// (even pieces of words) where a sentence alone is over the limit. Each segment is counted once, so
/// chunking costs one tokenizer pass over the text, not one per candidate chunk.
/// </summary>
internal sealed class TextSegmenter(string text, ITokenCounter counter, int maxTokens)
{
    private readonly List<Section> _sections = [];
    private readonly List<(int Level, string Title)> _headings = [];
    private Section? _current;
    private bool _currentHasBody;

    public List<Section> Split()
    {
        var paragraphStart = true;
        for (var lineStart = 0; lineStart < text.Length;)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var (start, end) = Trim(lineStart, lineEnd);
            if (start == end)
            {
                paragraphStart = true;
            }
            else if (TryReadHeading(start, end, out var level, out var title))
            {
                StartHeading(level, title);
                AddSentence(start, end, BreakKind.Paragraph);
                paragraphStart = true;
            }
            else
            {
                _current ??= NewSection();
                AddLine(start, end, paragraphStart ? BreakKind.Paragraph : BreakKind.Sentence);
                _currentHasBody = true;
                paragraphStart = false;
            }

            lineStart = lineEnd + 1;
        }

        return _sections;
    }

    private void StartHeading(int level, string title)
    {
        // A heading directly under another one joins its section, so "# Guide" then "## Install" give one chunk, not a bare title.
        if (_current is null || _currentHasBody)
        {
            _current = NewSection();
            _currentHasBody = false;
        }

        _headings.RemoveAll(h => h.Level >= level);
        _headings.Add((level, title));
        _current = _current with { HeadingPath = string.Join(" > ", _headings.Select(h => h.Title)) };
        _sections[^1] = _current;
    }

    private Section NewSection()
    {
        var section = new Section(_headings.Count == 0 ? null : string.Join(" > ", _headings.Select(h => h.Title)), []);
        _sections.Add(section);
        return section;
    }

    private bool TryReadHeading(int start, int end, out int level, out string title)
    {
        level = 0;
        while (start + level < end && text[start + level] == '#')
        {
            level++;
        }

        title = string.Empty;
        if (level is 0 or > 6 || (start + level < end && !char.IsWhiteSpace(text[start + level])))
        {
            return false;
        }

        title = text[(start + level)..end].Trim().TrimEnd('#').TrimEnd();
        return title.Length > 0;
    }

    private void AddLine(int start, int end, BreakKind first)
    {
        var kind = first;
        var sentenceStart = start;
        for (var i = start; i < end; i++)
        {
            if (!EndsSentence(i, end, out var after))
            {
                continue;
            }

            AddSentence(sentenceStart, after, kind);
            kind = BreakKind.Sentence;
            sentenceStart = after;
            while (sentenceStart < end && char.IsWhiteSpace(text[sentenceStart]))
            {
                sentenceStart++;
            }

            i = sentenceStart - 1;
        }

        if (sentenceStart < end)
        {
            AddSentence(sentenceStart, end, kind);
        }
    }

    /// <summary>Terminal punctuation (with closing quotes or brackets) followed by a space; CJK stops need no space.</summary>
    private bool EndsSentence(int i, int end, out int after)
    {
        after = i + 1;
        var c = text[i];
        if (c is '。' or '！' or '？')
        {
            return true;
        }

        if (c is not ('.' or '!' or '?' or '…'))
        {
            return false;
        }

        while (after < end && text[after] is '"' or '\'' or ')' or ']' or '”' or '’' or '.' or '!' or '?')
        {
            after++;
        }

        return after < end && char.IsWhiteSpace(text[after]);
    }

    private void AddSentence(int start, int end, BreakKind kind)
    {
        var tokens = counter.CountTokens(text[start..end]);
        if (tokens <= maxTokens)
        {
            _current!.Segments.Add(new Segment(start, end, tokens, kind));
            return;
        }

        foreach (var (wordStart, wordEnd) in Words(start, end))
        {
            AddPiece(wordStart, wordEnd, kind);
            kind = BreakKind.Word;
        }
    }

    /// <summary>A single "word" over the limit (a long URL, base64) is halved until each piece fits.</summary>
    private void AddPiece(int start, int end, BreakKind kind)
    {
        var tokens = counter.CountTokens(text[start..end]);
        if (tokens <= maxTokens || end - start < 2)
        {
            _current!.Segments.Add(new Segment(start, end, Math.Min(tokens, maxTokens), kind));
            return;
        }

        var middle = start + ((end - start) / 2);
        if (char.IsLowSurrogate(text[middle]))
        {
            middle++;
        }

        AddPiece(start, middle, kind);
        AddPiece(middle, end, BreakKind.Word);
    }

    internal IEnumerable<(int Start, int End)> Words(int start, int end)
    {
        var i = start;
        while (i < end)
        {
            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var wordStart = i;
            while (i < end && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > wordStart)
            {
                yield return (wordStart, i);
            }
        }
    }

    private (int Start, int End) Trim(int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }
}
