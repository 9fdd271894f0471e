using RagPlatform.Core.Chunking;

namespace RagPlatform.Tests.Chunking;

/// <summary>One token per whitespace-separated word: makes expected chunk sizes easy to reason about.</summary>
public sealed class WhitespaceTokenCounter : ITokenCounter
{
    public int CountTokens(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
