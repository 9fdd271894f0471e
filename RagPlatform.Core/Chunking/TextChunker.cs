using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Chunking;

/// <summary>
/// Splits extracted text into overlapping chunks measured in model tokens. Cuts prefer a paragraph end, then
/// a sentence end, then a word; markdown headings start a new chunk. Pure and thread-safe.
/// </summary>
public sealed class TextChunker
{
    private readonly ITokenCounter _counter;
    private readonly ChunkingOptions _options;

    public TextChunker(ITokenCounter counter, ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _counter = counter;
        _options = options;
    }

    public IReadOnlyList<TextChunk> Chunk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segmenter = new TextSegmenter(text, _counter, _options.MaxTokens);
        var chunks = new List<TextChunk>();
        foreach (var section in segmenter.Split())
        {
            if (section.Segments.Count > 0)
            {
                new SectionPacker(this, text, segmenter, section, chunks).Pack();
            }
        }

        return chunks;
    }

    /// <summary>Greedy packing of one section's segments, with the state of the chunk being filled.</summary>
    private sealed class SectionPacker(TextChunker chunker, string text, TextSegmenter segmenter, Section section, List<TextChunk> chunks)
    {
        private readonly List<Segment> _segments = section.Segments;
        private readonly int _max = chunker._options.MaxTokens;

        // Cumulative token counts, so the size of any run of segments is one subtraction.
        private readonly int[] _cumulative = Cumulative(section.Segments);

        // Text repeated from the end of the previous chunk: (start offset, tokens) of whole sentences or words.
        private readonly List<(int Start, int Tokens)> _overlap = [];
        private int _overlapTokens;

        public void Pack()
        {
            var first = 0;
            var next = 0;
            while (next < _segments.Count)
            {
                if (TokensBefore(first, next + 1) <= _max)
                {
                    next++;
                    continue;
                }

                var end = Emit(first, ChooseBreak(first, next));
                TakeOverlap(first, end);
                first = next = end;
                while (_overlap.Count > 0 && _overlapTokens + _segments[first].Tokens > _max)
                {
                    DropOverlapHead();
                }
            }

            if (next > first)
            {
                Emit(first, next);
            }
        }

        private int TokensBefore(int first, int end) => _overlapTokens + _cumulative[end] - _cumulative[first];

        /// <summary>
        /// Cut before segment <c>end</c>, in [first + 1, overflow]: the last paragraph end, else sentence end, that
        /// keeps the chunk at least half full; else just before the segment that did not fit.
        /// </summary>
        private int ChooseBreak(int first, int overflow)
        {
            foreach (var kind in (ReadOnlySpan<BreakKind>)[BreakKind.Paragraph, BreakKind.Sentence])
            {
                for (var end = overflow; end > first && TokensBefore(first, end) >= _max / 2; end--)
                {
                    if (_segments[end].Before >= kind)
                    {
                        return end;
                    }
                }
            }

            return overflow;
        }

        /// <summary>Emits overlap + segments [first, end); returns the end actually used.</summary>
        private int Emit(int first, int end)
        {
            while (true)
            {
                var start = _overlap.Count > 0 ? _overlap[0].Start : _segments[first].Start;
                var stop = _segments[end - 1].End;
                var chunkText = text[start..stop];

                // Sums of per-segment counts are exact when segments meet at whitespace; pieces of one long word
                // may count differently when joined, so the real count has the last word.
                var tokens = chunker._counter.CountTokens(chunkText);
                if (tokens > _max && end - 1 > first)
                {
                    end--;
                    continue;
                }

                if (tokens > _max && _overlap.Count > 0)
                {
                    DropOverlapHead();
                    continue;
                }

                chunks.Add(new TextChunk(chunks.Count, chunkText, start, stop, tokens, section.HeadingPath));
                return end;
            }
        }

        /// <summary>Whole segments from the end of the chunk that fit the overlap budget; words of the last one if none does.</summary>
        private void TakeOverlap(int first, int end)
        {
            _overlap.Clear();
            _overlapTokens = 0;
            var budget = chunker._options.OverlapTokens;
            for (var i = end - 1; i >= first && _overlapTokens + _segments[i].Tokens <= budget; i--)
            {
                _overlap.Insert(0, (_segments[i].Start, _segments[i].Tokens));
                _overlapTokens += _segments[i].Tokens;
            }

            if (_overlap.Count > 0 || budget == 0)
            {
                return;
            }

            var last = _segments[end - 1];
            var words = segmenter.Words(last.Start, last.End).ToList();
            for (var w = words.Count - 1; w > 0; w--)
            {
                var tokens = chunker._counter.CountTokens(text[words[w].Start..words[w].End]);
                if (_overlapTokens + tokens > budget)
                {
                    break;
                }

                _overlap.Insert(0, (words[w].Start, tokens));
                _overlapTokens += tokens;
            }
        }

        private void DropOverlapHead()
        {
            _overlapTokens -= _overlap[0].Tokens;
            _overlap.RemoveAt(0);
        }

        private static int[] Cumulative(List<Segment> segments)
        {
            var sums = new int[segments.Count + 1];
            for (var i = 0; i < segments.Count; i++)
            {
                sums[i + 1] = sums[i] + segments[i].Tokens;
            }

            return sums;
        }
    }
}
