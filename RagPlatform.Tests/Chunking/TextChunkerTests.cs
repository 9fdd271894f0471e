using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using RagPlatform.Core.Chunking;
using RagPlatform.Core.Embeddings;

namespace RagPlatform.Tests.Chunking;

public sealed partial class TextChunkerTests
{
    private static readonly MiniLmTokenizer MiniLm = new();

    public static TheoryData<string> Counters => ["whitespace", "minilm"];

    [Theory]
    [MemberData(nameof(Counters))]
    public void NoChunkExceedsTheTokenLimitAndEverySentenceIsKept(string counterName)
    {
        var counter = Counter(counterName);
        var text = Document(paragraphs: 12);
        var chunker = new TextChunker(counter, new ChunkingOptions { MaxTokens = 60, OverlapTokens = 10 });

        var chunks = chunker.Chunk(text);

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c =>
        {
            Assert.InRange(c.TokenCount, 1, 60);
            Assert.Equal(counter.CountTokens(c.Text), c.TokenCount);
        });
        foreach (var sentence in SentencePattern().Matches(text).Select(m => m.Value))
        {
            Assert.Contains(chunks, c => c.Text.Contains(sentence, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Counters))]
    public void OffsetsPointBackIntoTheTextInOrder(string counterName)
    {
        var text = "# Guide\n\n" + Document(paragraphs: 6) + "\n\n## Install\n\n" + Document(paragraphs: 4);
        var chunker = new TextChunker(Counter(counterName), new ChunkingOptions { MaxTokens = 50, OverlapTokens = 8 });

        var chunks = chunker.Chunk(text);

        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
        Assert.All(chunks, c => Assert.Equal(text[c.StartOffset..c.EndOffset], c.Text));
        Assert.All(chunks.Zip(chunks.Skip(1)), pair =>
        {
            Assert.True(pair.Second.StartOffset > pair.First.StartOffset);
            Assert.True(pair.Second.EndOffset > pair.First.EndOffset);
        });
    }

    [Fact]
    public void ConsecutiveChunksShareWholeSentences()
    {
        var chunker = new TextChunker(new WhitespaceTokenCounter(), new ChunkingOptions { MaxTokens = 40, OverlapTokens = 12 });

        var chunks = chunker.Chunk(Document(paragraphs: 1, sentencesPerParagraph: 30));

        Assert.True(chunks.Count > 2);
        Assert.All(chunks.Zip(chunks.Skip(1)), pair =>
        {
            Assert.True(pair.Second.StartOffset < pair.First.EndOffset, "the next chunk starts inside the previous one");
            var shared = pair.First.Text[(pair.Second.StartOffset - pair.First.StartOffset)..];
            Assert.Matches(@"^Sentence \d+ .*\.$", shared);
            Assert.InRange(new WhitespaceTokenCounter().CountTokens(shared), 1, 12);
        });
    }

    [Fact]
    public void ChunksBreakAtParagraphEndsWhenOneIsAvailable()
    {
        var paragraph = string.Join(' ', Enumerable.Range(0, 6).Select(i => $"Short sentence {i} here."));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 4));
        var chunker = new TextChunker(new WhitespaceTokenCounter(), new ChunkingOptions { MaxTokens = 50, OverlapTokens = 0 });

        var chunks = chunker.Chunk(text);

        Assert.All(chunks, c => Assert.Equal(paragraph, c.Text.Split("\n\n")[^1]));
    }

    [Fact]
    public void HeadingsStartNewChunksAndTheirPathIsKept()
    {
        const string text = "Intro line before any heading.\n\n# Guide\n\nWelcome to the guide.\n\n## Install\n\nRun the installer.\n\n## Configure\n\nEdit the file.\n\n# Reference\n\nAll the options.";
        var chunker = new TextChunker(new WhitespaceTokenCounter(), new ChunkingOptions { MaxTokens = 200, OverlapTokens = 30 });

        var chunks = chunker.Chunk(text);

        Assert.Equal([null, "Guide", "Guide > Install", "Guide > Configure", "Reference"], chunks.Select(c => c.HeadingPath));
        Assert.Equal("## Install\n\nRun the installer.", chunks[2].Text);
    }

    [Fact]
    public void AHeadingDirectlyUnderAnotherSharesItsChunk()
    {
        var chunker = new TextChunker(new WhitespaceTokenCounter(), new ChunkingOptions());

        var chunk = Assert.Single(chunker.Chunk("# Guide\n\n## Install\n\nRun the installer."));

        Assert.Equal("Guide > Install", chunk.HeadingPath);
        Assert.StartsWith("# Guide", chunk.Text);
    }

    [Theory]
    [MemberData(nameof(Counters))]
    public void OneHugeSentenceWithoutPunctuationStillSplits(string counterName)
    {
        var counter = Counter(counterName);
        var text = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"word{i % 97}"));
        var chunker = new TextChunker(counter, new ChunkingOptions { MaxTokens = 100, OverlapTokens = 20 });

        var chunks = chunker.Chunk(text);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 100));
        Assert.Equal(0, chunks[0].StartOffset);
        Assert.Equal(text.Length, chunks[^1].EndOffset);
        Assert.All(chunks.Zip(chunks.Skip(1)), pair => Assert.True(pair.Second.StartOffset < pair.First.EndOffset));
    }

    [Fact]
    public void OneEnormousWordIsCutIntoPiecesThatFit()
    {
        var text = new string('a', 5000);
        var chunker = new TextChunker(MiniLm, new ChunkingOptions { MaxTokens = 64, OverlapTokens = 8 });

        var chunks = chunker.Chunk(text);

        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 64));
        Assert.Equal(text, string.Concat(chunks.Select(c => c.Text)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t  \n")]
    public void EmptyOrBlankTextGivesNoChunks(string text)
    {
        var chunker = new TextChunker(new WhitespaceTokenCounter(), new ChunkingOptions());

        Assert.Empty(chunker.Chunk(text));
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(600, 30)]
    [InlineData(0, 0)]
    public void InvalidOptionsAreRejected(int maxTokens, int overlapTokens)
    {
        var options = new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlapTokens };

        Assert.Throws<ValidationException>(() => new TextChunker(new WhitespaceTokenCounter(), options));
    }

    private static ITokenCounter Counter(string name) => name == "minilm" ? MiniLm : new WhitespaceTokenCounter();

    private static string Document(int paragraphs, int sentencesPerParagraph = 5) =>
        string.Join("\n\n", Enumerable.Range(0, paragraphs).Select(p =>
            string.Join(' ', Enumerable.Range(0, sentencesPerParagraph).Select(s =>
                $"Sentence {(p * 100) + s} talks about topic {p} with {s + 3} extra words here."))));

    [GeneratedRegex(@"Sentence \d+ [^.]*\.")]
    private static partial Regex SentencePattern();
}
